package ai.instill.flink.server.models;

import ai.instill.flink.server.imaging.Blob;
import ai.instill.flink.server.imaging.ForegroundBlobs;
import com.google.protobuf.Struct;
import java.util.ArrayList;
import java.util.List;

/**
 * Keypoint stand-in: for every foreground blob (as in detection) five keypoints in fixed order —
 * centroid, topmost, rightmost, bottommost and leftmost pixel — each with visibility 1.0.
 */
public final class KeypointStandIn implements StandInModel {

    @Override
    public Struct infer(Struct taskInput) throws ModelFailure {
        List<Struct> objects = new ArrayList<>();
        for (Blob blob : ForegroundBlobs.find(ImageInputs.visionImage(taskInput))) {
            List<Struct> keypoints =
                    List.of(
                            point(blob.centroidX(), blob.centroidY()),
                            point(blob.topmost()),
                            point(blob.rightmost()),
                            point(blob.bottommost()),
                            point(blob.leftmost()));
            objects.add(
                    StructValues.struct(
                            "keypoints", keypoints,
                            "score", blob.fill(),
                            "bounding-box", BoundingBoxes.of(blob)));
        }
        return StandInOutput.of(StructValues.struct("objects", objects));
    }

    private static Struct point(int[] xy) {
        return point(xy[0], xy[1]);
    }

    private static Struct point(double x, double y) {
        return StructValues.struct("x", x, "y", y, "v", 1.0);
    }
}
