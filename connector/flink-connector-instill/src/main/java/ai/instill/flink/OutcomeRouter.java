package ai.instill.flink;

import org.apache.flink.annotation.Internal;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Sends output records downstream and dead letters to the side output. */
@Internal
final class OutcomeRouter<IN, OUT> extends ProcessFunction<InferenceOutcome<IN, OUT>, OUT> {
    private static final long serialVersionUID = 1L;

    private final OutputTag<DeadLetter<IN>> deadLetters;

    OutcomeRouter(OutputTag<DeadLetter<IN>> deadLetters) {
        this.deadLetters = deadLetters;
    }

    @Override
    public void processElement(
            InferenceOutcome<IN, OUT> outcome, Context context, Collector<OUT> out) {
        if (outcome.deadLetter() == null) {
            out.collect(outcome.output());
        } else {
            context.output(deadLetters, outcome.deadLetter());
        }
    }
}
