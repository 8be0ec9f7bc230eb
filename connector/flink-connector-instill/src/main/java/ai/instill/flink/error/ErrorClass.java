package ai.instill.flink.error;

import org.apache.flink.annotation.PublicEvolving;

/**
 * How the connector treats a failure: retry it, blame the record, or stop the job because its setup
 * (endpoint, token, model, task, API generation) is wrong.
 */
@PublicEvolving
public enum ErrorClass {
    /** A transient failure of the model or the network; retrying the same call can succeed. */
    RETRYABLE,
    /** A failure of this record that a retry cannot fix (a malformed answer for it). */
    NOT_RETRYABLE,
    /**
     * The system is set up wrong (authentication, an unknown model, a task mismatch, an API the
     * server does not have): every record would fail, so none reaches the failure policy.
     */
    SETUP,
    /** The record itself is wrong for the task; it is never sent again. */
    BAD_INPUT
}
