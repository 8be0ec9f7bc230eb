package ai.instill.flink.task;

import java.util.List;
import org.apache.flink.annotation.PublicEvolving;

/**
 * The answer of SEMANTIC_SEGMENTATION: one mask per category present, each covering the whole input
 * image.
 */
@PublicEvolving
public record SemanticSegmentationResult(int imageHeight, int imageWidth, List<Stuff> stuffs)
        implements TaskResult {

    public SemanticSegmentationResult {
        stuffs = List.copyOf(stuffs);
    }

    /** The decoded mask of a stuff, sized like the input image. */
    public BinaryMask mask(Stuff stuff) {
        return stuff.mask(imageHeight, imageWidth);
    }
}
