package ai.instill.flink.server.models;

/**
 * Signals that a model could not serve one input (undecodable image, unreachable URL, unsupported
 * request).
 */
public final class ModelFailure extends Exception {

    public ModelFailure(String reason) {
        super(reason);
    }

    public ModelFailure(String reason, Throwable cause) {
        super(reason, cause);
    }
}
