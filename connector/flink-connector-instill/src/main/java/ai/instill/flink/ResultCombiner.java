package ai.instill.flink;

import ai.instill.flink.task.TaskResult;
import java.io.Serializable;

/** Builds the output record from an input record and its typed result. */
@FunctionalInterface
public interface ResultCombiner<IN, OUT> extends Serializable {
    OUT combine(IN record, TaskResult result) throws Exception;
}
