package ai.instill.flink.task;

import java.io.Serializable;
import java.util.Optional;
import org.apache.flink.annotation.PublicEvolving;

/**
 * A model on Instill Model, written {@code namespace/model/version} or {@code namespace/model}
 * (latest version).
 */
@PublicEvolving
public record ModelName(String namespace, String model, String version) implements Serializable {

    public ModelName {
        requireSegment(namespace, "namespace");
        requireSegment(model, "model");
        if (version != null) {
            requireSegment(version, "version");
        }
    }

    /** Parses {@code namespace/model/version} or {@code namespace/model}. */
    public static ModelName parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(
                    "model name is required, as namespace/model/version");
        }
        String[] parts = text.trim().split("/", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException(
                    "model name '" + text + "' must be namespace/model/version or namespace/model");
        }
        try {
            return new ModelName(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("model name '" + text + "': " + e.getMessage(), e);
        }
    }

    public Optional<String> versionIfPinned() {
        return Optional.ofNullable(version);
    }

    /** The resource name of the model: {@code namespaces/{ns}/models/{m}}. */
    public String modelResource() {
        return "namespaces/" + namespace + "/models/" + model;
    }

    /** The resource name of the pinned version: {@code namespaces/{ns}/models/{m}/versions/{v}}. */
    public String versionResource() {
        return modelResource() + "/versions/" + version;
    }

    @Override
    public String toString() {
        return version == null ? namespace + "/" + model : namespace + "/" + model + "/" + version;
    }

    private static void requireSegment(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        if (value.contains("/") || !value.equals(value.trim())) {
            throw new IllegalArgumentException(
                    what + " '" + value + "' contains '/' or white space");
        }
    }
}
