package ai.instill.flink;

import ai.instill.flink.task.TaskResult;
import java.io.Serializable;
import org.apache.flink.annotation.PublicEvolving;

/** Builds the output record from an input record and its typed result. */
@FunctionalInterface
@PublicEvolving
public interface ResultCombiner<IN, OUT> extends Serializable {
    OUT combine(IN record, TaskResult result) throws Exception;
}
