package ai.instill.flink.task;

import java.io.Serializable;
import org.apache.flink.annotation.PublicEvolving;

/** One object found by INSTANCE_SEGMENTATION, with its mask as RLE relative to its bounding box. */
@PublicEvolving
public record InstanceObject(String category, double score, BoundingBox boundingBox, String rle)
        implements Serializable {

    /**
     * The decoded mask, the size of the box in whole pixels: {@code round(height)} × {@code
     * round(width)}, or for a fractional box, each side rounded down or up, whichever size the
     * counts fill (models crop with either). Mask pixel (x, y) is image pixel (left + x, top + y).
     */
    public BinaryMask mask() {
        return BinaryMask.fromRleInBox(rle, boundingBox.height(), boundingBox.width());
    }
}
