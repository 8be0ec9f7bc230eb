package ai.instill.flink;

import java.io.Serializable;
import org.apache.flink.annotation.PublicEvolving;

/**
 * What the async operator emits for one record before routing: the output record, or its dead
 * letter.
 */
@PublicEvolving
public record InferenceOutcome<IN, OUT>(OUT output, DeadLetter<IN> deadLetter)
        implements Serializable {

    static <IN, OUT> InferenceOutcome<IN, OUT> of(OUT output) {
        return new InferenceOutcome<>(output, null);
    }

    static <IN, OUT> InferenceOutcome<IN, OUT> failed(DeadLetter<IN> deadLetter) {
        return new InferenceOutcome<>(null, deadLetter);
    }
}
