package ai.instill.flink.task;

import java.io.Serializable;
import org.apache.flink.annotation.PublicEvolving;

/** One piece of text found by OCR: the text, its confidence and its box. */
@PublicEvolving
public record OcrObject(String text, double score, BoundingBox boundingBox)
        implements Serializable {}
