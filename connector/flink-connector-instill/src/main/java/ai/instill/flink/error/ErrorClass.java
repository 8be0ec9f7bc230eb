package ai.instill.flink.error;

/** How the connector treats a failure: retry it, give up on it, or blame the record. */
public enum ErrorClass {
    /** A transient failure of the model or the network; retrying the same call can succeed. */
    RETRYABLE,
    /** A failure that a retry cannot fix (authentication, an unknown model, a malformed answer). */
    NOT_RETRYABLE,
    /** The record itself is wrong for the task; it is never sent again. */
    BAD_INPUT
}
