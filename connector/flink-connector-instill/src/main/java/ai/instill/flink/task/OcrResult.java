package ai.instill.flink.task;

import java.util.List;
import org.apache.flink.annotation.PublicEvolving;

/** The answer of OCR: the texts found. */
@PublicEvolving
public record OcrResult(List<OcrObject> objects) implements TaskResult {

    public OcrResult {
        objects = List.copyOf(objects);
    }
}
