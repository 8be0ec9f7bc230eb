package ai.instill.flink.server.models;

import ai.instill.flink.server.imaging.ColumnMajorRle;
import ai.instill.flink.server.imaging.PaletteColor;
import ai.instill.flink.server.imaging.RgbPixels;
import com.google.protobuf.Struct;
import java.util.ArrayList;
import java.util.List;

/**
 * Semantic segmentation stand-in: every pixel is labelled with its nearest palette colour; one
 * "stuff" per colour present (in palette order), its mask over the whole image as column-major RLE.
 */
public final class SemanticSegmentationStandIn implements StandInModel {

    @Override
    public Struct infer(Struct taskInput) throws ModelFailure {
        RgbPixels image = ImageInputs.visionImage(taskInput);
        int width = image.width();
        int height = image.height();
        PaletteColor[] labels = new PaletteColor[image.pixelCount()];
        boolean[] present = new boolean[PaletteColor.values().length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = PaletteColor.nearest(image.rgbAt(i));
            present[labels[i].ordinal()] = true;
        }
        List<Struct> stuffs = new ArrayList<>();
        for (PaletteColor color : PaletteColor.values()) {
            if (present[color.ordinal()]) {
                String rle =
                        ColumnMajorRle.encode(
                                width, height, (x, y) -> labels[y * width + x] == color);
                stuffs.add(StructValues.struct("category", color.label(), "rle", rle));
            }
        }
        return StandInOutput.of(StructValues.struct("stuffs", stuffs));
    }
}
