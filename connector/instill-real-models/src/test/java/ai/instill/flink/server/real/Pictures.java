package ai.instill.flink.server.real;

import static ai.instill.flink.server.models.StructValues.struct;

import ai.instill.flink.server.imaging.ColumnMajorRle;
import com.google.protobuf.Struct;
import java.awt.Rectangle;
import java.util.Base64;

/** Task inputs made of test pictures, and the geometry the tests check answers with. */
final class Pictures {

    private Pictures() {}

    static Struct imageInput(byte[] png) {
        return struct(
                "data",
                struct(
                        "type",
                        "image-base64",
                        "image-base64",
                        Base64.getEncoder().encodeToString(png)));
    }

    /** The {@code bounding-box} of an output object as a rectangle. */
    static Rectangle box(Struct object) {
        Struct box = object.getFieldsOrThrow("bounding-box").getStructValue();
        return new Rectangle(
                (int) number(box, "left"),
                (int) number(box, "top"),
                (int) number(box, "width"),
                (int) number(box, "height"));
    }

    static double number(Struct struct, String field) {
        return struct.getFieldsOrThrow(field).getNumberValue();
    }

    /** Intersection over union of two rectangles. */
    static double iou(Rectangle a, Rectangle b) {
        Rectangle both = a.intersection(b);
        double intersection = both.isEmpty() ? 0 : (double) both.width * both.height;
        return intersection
                / ((double) a.width * a.height + (double) b.width * b.height - intersection);
    }

    /** The set pixels of a column-major RLE mask. */
    static boolean[][] mask(String rle, int width, int height) {
        return ColumnMajorRle.decode(rle, width, height);
    }

    static long count(boolean[][] mask) {
        long set = 0;
        for (boolean[] row : mask) {
            for (boolean pixel : row) {
                set += pixel ? 1 : 0;
            }
        }
        return set;
    }
}
