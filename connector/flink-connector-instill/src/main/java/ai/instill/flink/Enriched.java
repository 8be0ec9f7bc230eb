package ai.instill.flink;

import ai.instill.flink.task.TaskResult;
import java.io.Serializable;
import org.apache.flink.annotation.PublicEvolving;

/** The default output: the input record with the model's typed result. */
@PublicEvolving
public record Enriched<IN>(IN input, TaskResult result) implements Serializable {

    /**
     * The result as the task's result type, for example {@code resultAs(DetectionResult.class)}.
     */
    public <R extends TaskResult> R resultAs(Class<R> type) {
        return type.cast(result);
    }
}
