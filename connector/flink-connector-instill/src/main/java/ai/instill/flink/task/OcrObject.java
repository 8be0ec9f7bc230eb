package ai.instill.flink.task;

import java.io.Serializable;

/** One piece of text found by OCR: the text, its confidence and its box. */
public record OcrObject(String text, double score, BoundingBox boundingBox)
        implements Serializable {}
