package ai.instill.flink.task;

import java.util.List;
import org.apache.flink.annotation.PublicEvolving;

/** The answer of DETECTION: the objects found, possibly none. */
@PublicEvolving
public record DetectionResult(List<DetectedObject> objects) implements TaskResult {

    public DetectionResult {
        objects = List.copyOf(objects);
    }
}
