package ai.instill.flink.task;

import java.util.List;

/** The answer of KEYPOINT: the objects found with their keypoints. */
public record KeypointResult(List<KeypointObject> objects) implements TaskResult {

    public KeypointResult {
        objects = List.copyOf(objects);
    }
}
