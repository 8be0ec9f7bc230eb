package ai.instill.flink.server.models;

import ai.instill.flink.server.imaging.Blob;
import ai.instill.flink.server.imaging.ForegroundBlobs;
import ai.instill.flink.server.imaging.PaletteColor;
import com.google.protobuf.Struct;
import java.util.ArrayList;
import java.util.List;

/**
 * Detection stand-in: every 4-connected foreground blob (pixels far from the most frequent colour,
 * at least 4 of them) is an object named after its mean palette colour, scored by how much of its
 * box it fills.
 */
public final class DetectionStandIn implements StandInModel {

    @Override
    public Struct infer(Struct taskInput) throws ModelFailure {
        List<Struct> objects = new ArrayList<>();
        for (Blob blob : ForegroundBlobs.find(ImageInputs.visionImage(taskInput))) {
            objects.add(
                    StructValues.struct(
                            "category", PaletteColor.nearest(blob.meanRgb()).label(),
                            "score", blob.fill(),
                            "bounding-box", BoundingBoxes.of(blob)));
        }
        return StandInOutput.of(StructValues.struct("objects", objects));
    }
}
