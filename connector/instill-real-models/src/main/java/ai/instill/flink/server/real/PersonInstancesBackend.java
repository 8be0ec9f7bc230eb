package ai.instill.flink.server.real;

import ai.instill.flink.server.imaging.ColumnMajorRle;
import ai.instill.flink.server.imaging.RgbPixels;
import ai.instill.flink.server.models.ImageInputs;
import ai.instill.flink.server.models.ModelBackend;
import ai.instill.flink.server.models.ModelFailure;
import ai.instill.flink.server.models.StructValues;
import ai.onnxruntime.OrtException;
import com.google.protobuf.Struct;
import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;

/**
 * Instance segmentation of persons, composed from two real models because no instance segmentation
 * model ships in the registries: each face BlazeFace finds is widened to a body box (3 face widths,
 * from half a face above to 6 faces below), and the selfie segmenter's person mask cropped to that
 * box is the instance's mask.
 */
final class PersonInstancesBackend implements ModelBackend {

    static final String MODEL =
            "persons composed of BlazeFace face boxes widened to body boxes + the MediaPipe selfie"
                    + " segmentation mask cropped to each";

    /** An instance needs this share of its box covered by the person mask. */
    private static final double MIN_FILL = 0.1;

    private final BlazeFace blazeFace;
    private final SelfieSegmenter segmenter;

    PersonInstancesBackend(BlazeFace blazeFace, SelfieSegmenter segmenter) {
        this.blazeFace = blazeFace;
        this.segmenter = segmenter;
    }

    @Override
    public String label() {
        return ModelBackend.realLabel(MODEL);
    }

    @Override
    public Struct infer(Struct taskInput) throws ModelFailure {
        RgbPixels image = ImageInputs.visionImage(taskInput);
        List<BlazeFace.Face> faces;
        try {
            faces = blazeFace.faces(image);
        } catch (OrtException e) {
            throw new ModelFailure("BlazeFace failed: " + e.getMessage(), e);
        }
        boolean[][] person = faces.isEmpty() ? null : segmenter.personMask(image);
        List<Struct> objects = new ArrayList<>();
        for (BlazeFace.Face face : faces) {
            Detection f = face.box();
            double w = f.right() - f.left();
            double h = f.bottom() - f.top();
            Detection body =
                    new Detection(
                            "person",
                            f.score(),
                            f.left() - w,
                            f.top() - h / 2,
                            f.right() + w,
                            f.bottom() + 6 * h);
            Rectangle box = body.clipped(image.width(), image.height());
            int left = box.x;
            int top = box.y;
            int width = box.width;
            int height = box.height;
            long covered = 0;
            for (int y = top; y < top + height; y++) {
                for (int x = left; x < left + width; x++) {
                    covered += person[y][x] ? 1 : 0;
                }
            }
            if (width == 0 || height == 0 || covered < MIN_FILL * width * height) {
                continue;
            }
            objects.add(
                    StructValues.struct(
                            "rle",
                            ColumnMajorRle.encode(
                                    width, height, (x, y) -> person[top + y][left + x]),
                            "category",
                            "person",
                            "score",
                            f.score(),
                            "bounding-box",
                            body.boundingBox(image.width(), image.height())));
        }
        return RealOutput.of(StructValues.struct("objects", objects), MODEL);
    }
}
