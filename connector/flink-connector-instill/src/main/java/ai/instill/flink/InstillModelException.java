package ai.instill.flink;

/** A failed request to Instill Model, with the code that says what went wrong and whether a retry can help. */
public class InstillModelException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public InstillModelException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public InstillModelException(ErrorCode code, String message, Throwable cause) {
        super(code + ": " + message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public boolean isRetryable() {
        return code.isRetryable();
    }
}
