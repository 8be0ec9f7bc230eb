package ai.instill.flink.server.real;

import ai.instill.flink.server.imaging.ColumnMajorRle;
import ai.instill.flink.server.imaging.RgbPixels;
import ai.instill.flink.server.models.ImageInputs;
import ai.instill.flink.server.models.ModelBackend;
import ai.instill.flink.server.models.ModelFailure;
import ai.instill.flink.server.models.StructValues;
import com.google.protobuf.Struct;
import java.util.List;

/**
 * Semantic segmentation by the selfie segmenter: two stuffs, "person" and "background", each a mask
 * over the whole image as column-major RLE.
 */
final class SemanticSegmentationBackend implements ModelBackend {

    private final SelfieSegmenter segmenter;

    SemanticSegmentationBackend(SelfieSegmenter segmenter) {
        this.segmenter = segmenter;
    }

    @Override
    public String label() {
        return ModelBackend.realLabel(SelfieSegmenter.MODEL);
    }

    @Override
    public Struct infer(Struct taskInput) throws ModelFailure {
        RgbPixels image = ImageInputs.visionImage(taskInput);
        boolean[][] person = segmenter.personMask(image);
        List<Struct> stuffs =
                List.of(
                        StructValues.struct(
                                "category",
                                "person",
                                "rle",
                                ColumnMajorRle.encode(
                                        image.width(), image.height(), (x, y) -> person[y][x])),
                        StructValues.struct(
                                "category",
                                "background",
                                "rle",
                                ColumnMajorRle.encode(
                                        image.width(), image.height(), (x, y) -> !person[y][x])));
        return RealOutput.of(StructValues.struct("stuffs", stuffs), SelfieSegmenter.MODEL);
    }
}
