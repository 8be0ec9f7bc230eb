package ai.instill.flink.task;

import java.io.Serializable;
import org.apache.flink.annotation.PublicEvolving;

/** The size limits the codec enforces on an input before it is sent. */
@PublicEvolving
public record InputLimits(long maxImageBytes, long maxImagePixels) implements Serializable {

    /**
     * The default of {@code max-image-pixels}: 40 megapixels, a little more than a 7680 × 4320 (8K)
     * frame, while an RGB image of that size already takes 120 MB once decoded.
     */
    public static final long DEFAULT_MAX_IMAGE_PIXELS = 40_000_000L;

    /** 16 MiB and 40 megapixels per image. */
    public static final InputLimits DEFAULT = new InputLimits(16L * 1024 * 1024);

    public InputLimits {
        if (maxImageBytes < 1) {
            throw new IllegalArgumentException(
                    "maxImageBytes must be at least 1, got " + maxImageBytes);
        }
        if (maxImagePixels < 1) {
            throw new IllegalArgumentException(
                    "maxImagePixels must be at least 1, got " + maxImagePixels);
        }
    }

    public InputLimits(long maxImageBytes) {
        this(maxImageBytes, DEFAULT_MAX_IMAGE_PIXELS);
    }
}
