package ai.instill.flink.task;

import java.io.Serializable;
import org.apache.flink.annotation.PublicEvolving;

/** The width and height of an image in pixels, as stated in its header. */
@PublicEvolving
public record ImageDimensions(int width, int height) implements Serializable {

    public ImageDimensions {
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException(
                    "image dimensions must not be negative: " + width + "x" + height);
        }
    }
}
