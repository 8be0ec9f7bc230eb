package ai.instill.flink.server.models;

import ai.instill.flink.server.imaging.Blob;
import com.google.protobuf.Struct;

/**
 * Writes the {@code bounding-box} object of vision outputs ({@code left, top, width, height} in
 * pixels).
 */
public final class BoundingBoxes {

    private BoundingBoxes() {}

    public static Struct of(int left, int top, int width, int height) {
        return StructValues.struct("left", left, "top", top, "width", width, "height", height);
    }

    static Struct of(Blob blob) {
        return of(blob.left(), blob.top(), blob.width(), blob.height());
    }
}
