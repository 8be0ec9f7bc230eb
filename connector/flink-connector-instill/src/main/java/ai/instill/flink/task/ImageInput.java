package ai.instill.flink.task;

import org.apache.flink.annotation.PublicEvolving;

/** The input of the six vision tasks: one image. */
@PublicEvolving
public record ImageInput(Image image) implements TaskInput {

    public static ImageInput of(Image image) {
        return new ImageInput(image);
    }
}
