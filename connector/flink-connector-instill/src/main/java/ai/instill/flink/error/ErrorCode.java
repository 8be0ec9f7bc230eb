package ai.instill.flink.error;

import org.apache.flink.annotation.PublicEvolving;

/**
 * Every way a call to Instill Model can fail: the gRPC status codes the server answers with, and
 * the failures the connector detects itself. Each code carries its {@link ErrorClass}; this enum is
 * the retry classification table.
 */
@PublicEvolving
public enum ErrorCode {
    CANCELLED(ErrorClass.NOT_RETRYABLE),
    UNKNOWN(ErrorClass.RETRYABLE),
    INVALID_ARGUMENT(ErrorClass.BAD_INPUT),
    DEADLINE_EXCEEDED(ErrorClass.RETRYABLE),
    NOT_FOUND(ErrorClass.SETUP),
    ALREADY_EXISTS(ErrorClass.SETUP),
    PERMISSION_DENIED(ErrorClass.SETUP),
    RESOURCE_EXHAUSTED(ErrorClass.RETRYABLE),
    /** Newer servers report model failures (and back-pressure) as a failed precondition. */
    FAILED_PRECONDITION(ErrorClass.RETRYABLE),
    ABORTED(ErrorClass.RETRYABLE),
    OUT_OF_RANGE(ErrorClass.BAD_INPUT),
    UNIMPLEMENTED(ErrorClass.SETUP),
    INTERNAL(ErrorClass.RETRYABLE),
    UNAVAILABLE(ErrorClass.RETRYABLE),
    DATA_LOSS(ErrorClass.SETUP),
    UNAUTHENTICATED(ErrorClass.SETUP),

    /**
     * The record failed validation before it was sent (a missing field, undecodable base64, not an
     * image, …).
     */
    INVALID_INPUT(ErrorClass.BAD_INPUT),
    /**
     * The server answered OK with fewer outputs than inputs; released servers do this when
     * inference fails, so it is worth a retry.
     */
    MISSING_OUTPUTS(ErrorClass.RETRYABLE),
    /**
     * The server's answer does not have the shape of the task's output (a missing field, a wrong
     * type, a bad mask).
     */
    MALFORMED_OUTPUT(ErrorClass.NOT_RETRYABLE),
    /** The model does not serve the task the connector was configured with. */
    TASK_MISMATCH(ErrorClass.SETUP),
    /**
     * The endpoint does not answer as configured: TLS against a plaintext server, a certificate
     * that is not trusted, not a gRPC server.
     */
    ENDPOINT_MISMATCH(ErrorClass.SETUP),
    /**
     * A file or environment variable the options name (API token, TLS certificates) is missing
     * where the operator runs.
     */
    SETUP_INCOMPLETE(ErrorClass.SETUP),
    /** The record's overall time budget ran out. */
    TIMEOUT(ErrorClass.RETRYABLE);

    private final ErrorClass errorClass;

    ErrorCode(ErrorClass errorClass) {
        this.errorClass = errorClass;
    }

    public ErrorClass errorClass() {
        return errorClass;
    }

    public boolean isRetryable() {
        return errorClass == ErrorClass.RETRYABLE;
    }
}
