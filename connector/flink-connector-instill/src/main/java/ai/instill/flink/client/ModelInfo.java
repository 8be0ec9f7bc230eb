package ai.instill.flink.client;

import ai.instill.flink.task.ModelTask;
import java.util.List;
import org.apache.flink.annotation.PublicEvolving;

/**
 * What the server says about a model: the task it serves, its versions and whether the caller may
 * trigger it.
 */
@PublicEvolving
public record ModelInfo(String name, ModelTask task, List<String> versions, boolean canTrigger) {
    public ModelInfo {
        versions = List.copyOf(versions);
    }
}
