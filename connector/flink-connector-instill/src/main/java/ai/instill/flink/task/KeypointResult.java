package ai.instill.flink.task;

import java.util.List;
import org.apache.flink.annotation.PublicEvolving;

/** The answer of KEYPOINT: the objects found with their keypoints. */
@PublicEvolving
public record KeypointResult(List<KeypointObject> objects) implements TaskResult {

    public KeypointResult {
        objects = List.copyOf(objects);
    }
}
