package ai.instill.flink.examples;

/** Shortens long values for the console. */
final class Pretty {
    private Pretty() {}

    static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
