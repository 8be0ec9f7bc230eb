package ai.instill.flink.task;

/** The input of the six vision tasks: one image. */
public record ImageInput(Image image) implements TaskInput {

    public static ImageInput of(Image image) {
        return new ImageInput(image);
    }
}
