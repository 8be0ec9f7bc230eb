package ai.instill.flink.task;

import java.util.List;

/** The answer of INSTANCE_SEGMENTATION: the objects found, each with a mask inside its box. */
public record InstanceSegmentationResult(List<InstanceObject> objects) implements TaskResult {

    public InstanceSegmentationResult {
        objects = List.copyOf(objects);
    }
}
