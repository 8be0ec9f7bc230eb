package ai.instill.flink.server.models;

import ai.instill.flink.server.imaging.Blob;
import ai.instill.flink.server.imaging.ColumnMajorRle;
import ai.instill.flink.server.imaging.ForegroundBlobs;
import ai.instill.flink.server.imaging.PaletteColor;
import com.google.protobuf.Struct;
import java.util.ArrayList;
import java.util.List;

/**
 * Instance segmentation stand-in: the detection blobs plus each blob's mask inside its box as
 * column-major RLE.
 */
public final class InstanceSegmentationStandIn implements StandInModel {

    @Override
    public Struct infer(Struct taskInput) throws ModelFailure {
        List<Struct> objects = new ArrayList<>();
        for (Blob blob : ForegroundBlobs.find(ImageInputs.visionImage(taskInput))) {
            String rle =
                    ColumnMajorRle.encode(
                            blob.width(),
                            blob.height(),
                            (x, y) -> blob.contains(blob.left() + x, blob.top() + y));
            objects.add(
                    StructValues.struct(
                            "rle", rle,
                            "category", PaletteColor.nearest(blob.meanRgb()).label(),
                            "score", blob.fill(),
                            "bounding-box", BoundingBoxes.of(blob)));
        }
        return StandInOutput.of(StructValues.struct("objects", objects));
    }
}
