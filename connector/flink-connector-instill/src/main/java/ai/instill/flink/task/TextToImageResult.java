package ai.instill.flink.task;

import java.util.List;
import org.apache.flink.annotation.PublicEvolving;

/** The answer of TEXT_TO_IMAGE: the generated images, one per sample. */
@PublicEvolving
public record TextToImageResult(List<Image> images) implements TaskResult {

    public TextToImageResult {
        images = List.copyOf(images);
    }
}
