package ai.instill.flink.task;

import java.io.Serializable;
import org.apache.flink.annotation.PublicEvolving;

/**
 * One category present in a SEMANTIC_SEGMENTATION answer, with its mask as RLE over the whole
 * image.
 */
@PublicEvolving
public record Stuff(String category, String rle) implements Serializable {

    /** The decoded mask for an image of this height and width. */
    public BinaryMask mask(int height, int width) {
        return BinaryMask.fromRle(rle, height, width);
    }
}
