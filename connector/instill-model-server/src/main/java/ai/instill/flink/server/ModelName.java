package ai.instill.flink.server;

/**
 * The address of one served model version, written "namespace/model/version" like the connector's
 * model name.
 */
record ModelName(String namespace, String model, String version) {

    /** Parses "namespace/model/version" (three non-empty segments). */
    static ModelName parse(String text) {
        String[] parts = text == null ? new String[0] : text.split("/", -1);
        if (parts.length != 3 || parts[0].isBlank() || parts[1].isBlank() || parts[2].isBlank()) {
            throw new IllegalArgumentException(
                    "model names are written namespace/model/version, e.g. acme/classifier/v1, not:"
                            + " "
                            + text);
        }
        return new ModelName(parts[0], parts[1], parts[2]);
    }

    /**
     * "namespaces/{ns}/models/{model}", the resource name both protocol generations use for the
     * model.
     */
    String resourceName() {
        return "namespaces/" + namespace + "/models/" + model;
    }

    @Override
    public String toString() {
        return namespace + "/" + model + "/" + version;
    }
}
