package ai.instill.flink.task;

import java.io.Serializable;

/** One object found by INSTANCE_SEGMENTATION, with its mask as RLE relative to its bounding box. */
public record InstanceObject(String category, double score, BoundingBox boundingBox, String rle)
        implements Serializable {

    /**
     * The decoded mask, {@code round(height)} × {@code round(width)} of the box; mask pixel (x, y)
     * is image pixel (left + x, top + y).
     */
    public BinaryMask mask() {
        return BinaryMask.fromRle(rle, maskHeight(), maskWidth());
    }

    int maskHeight() {
        return (int) Math.round(boundingBox.height());
    }

    int maskWidth() {
        return (int) Math.round(boundingBox.width());
    }
}
