package ai.instill.flink.server.models;

import ai.instill.flink.server.imaging.BitmapTextReader;
import com.google.protobuf.Struct;
import java.util.ArrayList;
import java.util.List;

/**
 * OCR stand-in: reads text drawn with the server's own 5×7 bitmap font, one object per line of
 * text.
 */
public final class OcrStandIn implements StandInModel {

    @Override
    public Struct infer(Struct taskInput) throws ModelFailure {
        List<Struct> objects = new ArrayList<>();
        for (BitmapTextReader.TextLine line :
                BitmapTextReader.read(ImageInputs.visionImage(taskInput))) {
            objects.add(
                    StructValues.struct(
                            "text", line.text(),
                            "score", line.score(),
                            "bounding-box",
                                    BoundingBoxes.of(
                                            line.left(), line.top(), line.width(), line.height())));
        }
        return StandInOutput.of(StructValues.struct("objects", objects));
    }
}
