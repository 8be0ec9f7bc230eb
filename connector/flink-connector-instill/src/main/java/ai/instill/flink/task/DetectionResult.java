package ai.instill.flink.task;

import java.util.List;

/** The answer of DETECTION: the objects found, possibly none. */
public record DetectionResult(List<DetectedObject> objects) implements TaskResult {

    public DetectionResult {
        objects = List.copyOf(objects);
    }
}
