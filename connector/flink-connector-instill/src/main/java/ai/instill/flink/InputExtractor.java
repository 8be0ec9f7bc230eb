package ai.instill.flink;

import ai.instill.flink.error.InvalidInputException;
import ai.instill.flink.task.TaskInput;
import java.io.Serializable;
import org.apache.flink.annotation.PublicEvolving;

/**
 * Turns a stream record into the task's input (for example an {@code ImageInput} from a field
 * holding the image); throwing {@link InvalidInputException} names the field at fault and sends the
 * record to the failure policy.
 */
@FunctionalInterface
@PublicEvolving
public interface InputExtractor<IN> extends Serializable {
    TaskInput extract(IN record) throws Exception;
}
