package ai.instill.flink.error;

import org.apache.flink.annotation.PublicEvolving;

/**
 * A failed request to Instill Model, with the code that says what went wrong and whether a retry
 * can help.
 */
@PublicEvolving
public class InstillModelException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final String reason;

    public InstillModelException(ErrorCode code, String reason) {
        this(code, reason, null);
    }

    public InstillModelException(ErrorCode code, String reason, Throwable cause) {
        super(code + ": " + reason, cause);
        this.code = code;
        this.reason = reason;
    }

    public ErrorCode code() {
        return code;
    }

    /** What went wrong, in words, without the code that {@link #getMessage()} starts with. */
    public String reason() {
        return reason;
    }

    public boolean isRetryable() {
        return code.isRetryable();
    }
}
