package ai.instill.flink.server.models;

import ai.instill.flink.server.imaging.PaletteColor;
import ai.instill.flink.server.imaging.PaletteHistogram;
import com.google.protobuf.Struct;

/**
 * Classification stand-in: the category is the image's dominant palette colour, the score its pixel
 * share.
 */
public final class ClassificationStandIn implements StandInModel {

    @Override
    public Struct infer(Struct taskInput) throws ModelFailure {
        PaletteHistogram histogram = PaletteHistogram.of(ImageInputs.visionImage(taskInput));
        PaletteColor dominant = histogram.dominant();
        return StandInOutput.of(
                StructValues.struct(
                        "category", dominant.label(),
                        "score", histogram.fraction(dominant)));
    }
}
