package ai.instill.flink.server.real;

/**
 * A model runtime loaded at most once per JVM (natives and weights are costly), remembering the
 * failure as well as the success.
 */
final class LoadedOnce<T> {

    /** Loads a runtime; may throw anything, including linkage errors of missing natives. */
    @FunctionalInterface
    interface Loader<T> {
        T load() throws Exception;
    }

    private final Loader<T> loader;
    private T value;
    private String failure;

    LoadedOnce(Loader<T> loader) {
        this.loader = loader;
    }

    /**
     * The runtime.
     *
     * @throws IllegalStateException with the reason when it could not be loaded
     */
    synchronized T get() {
        if (value == null && failure == null) {
            try {
                value = loader.load();
            } catch (Exception | LinkageError e) {
                failure = e.getMessage() == null ? e.toString() : e.getMessage();
            }
        }
        if (value == null) {
            throw new IllegalStateException(failure);
        }
        return value;
    }
}
