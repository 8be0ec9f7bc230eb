package ai.instill.flink.task;

import java.io.Serializable;
import java.util.List;

/**
 * One object found by KEYPOINT: its confidence, box and keypoints in the model's skeleton order.
 */
public record KeypointObject(double score, BoundingBox boundingBox, List<Keypoint> keypoints)
        implements Serializable {

    public KeypointObject {
        keypoints = List.copyOf(keypoints);
    }
}
