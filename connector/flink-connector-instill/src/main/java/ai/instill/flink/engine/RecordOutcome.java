package ai.instill.flink.engine;

import ai.instill.flink.error.InstillModelException;
import ai.instill.flink.task.TaskResult;

/**
 * How one record's inference ended: its typed result, or the failure that ended it, and the calls
 * it took.
 */
public record RecordOutcome(TaskResult result, InstillModelException failure, int attempts) {

    public static RecordOutcome success(TaskResult result, int attempts) {
        return new RecordOutcome(result, null, attempts);
    }

    public static RecordOutcome failure(InstillModelException failure, int attempts) {
        return new RecordOutcome(null, failure, attempts);
    }

    public boolean succeeded() {
        return failure == null;
    }
}
