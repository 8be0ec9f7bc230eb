package ai.instill.flink.task;

import java.util.List;

/** The answer of OCR: the texts found. */
public record OcrResult(List<OcrObject> objects) implements TaskResult {

    public OcrResult {
        objects = List.copyOf(objects);
    }
}
