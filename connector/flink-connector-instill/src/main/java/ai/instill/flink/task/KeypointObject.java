package ai.instill.flink.task;

import java.io.Serializable;
import java.util.List;
import org.apache.flink.annotation.PublicEvolving;

/**
 * One object found by KEYPOINT: its confidence, box and keypoints in the model's skeleton order.
 */
@PublicEvolving
public record KeypointObject(double score, BoundingBox boundingBox, List<Keypoint> keypoints)
        implements Serializable {

    public KeypointObject {
        keypoints = List.copyOf(keypoints);
    }
}
