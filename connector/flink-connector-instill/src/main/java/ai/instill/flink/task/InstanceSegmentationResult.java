package ai.instill.flink.task;

import java.util.List;
import org.apache.flink.annotation.PublicEvolving;

/** The answer of INSTANCE_SEGMENTATION: the objects found, each with a mask inside its box. */
@PublicEvolving
public record InstanceSegmentationResult(List<InstanceObject> objects) implements TaskResult {

    public InstanceSegmentationResult {
        objects = List.copyOf(objects);
    }
}
