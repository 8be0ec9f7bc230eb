package ai.instill.flink;

import ai.instill.flink.error.ErrorClass;
import ai.instill.flink.error.ErrorCode;
import java.io.Serializable;
import org.apache.flink.annotation.PublicEvolving;

/**
 * A record whose inference failed for good, as emitted to the dead-letter side output: the original
 * input, what was asked, the status code, a readable reason and how many calls were made for it.
 */
@PublicEvolving
public record DeadLetter<IN>(
        IN input,
        String task,
        String model,
        ErrorCode code,
        String message,
        int attempts,
        long failedAtMillis)
        implements Serializable {

    public ErrorClass errorClass() {
        return code.errorClass();
    }
}
