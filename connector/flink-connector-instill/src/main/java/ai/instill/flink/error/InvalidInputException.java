package ai.instill.flink.error;

import org.apache.flink.annotation.PublicEvolving;

/**
 * A record that cannot be sent because one of its fields is missing or wrong; names the field and
 * the problem.
 */
@PublicEvolving
public final class InvalidInputException extends InstillModelException {
    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidInputException(String field, String problem) {
        this(field, problem, null);
    }

    public InvalidInputException(String field, String problem, Throwable cause) {
        super(ErrorCode.INVALID_INPUT, "field '" + field + "': " + problem, cause);
        this.field = field;
    }

    /** The input field at fault, for example {@code image} or {@code chat_history[2].role}. */
    public String field() {
        return field;
    }
}
