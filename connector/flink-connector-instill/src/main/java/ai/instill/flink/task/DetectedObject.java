package ai.instill.flink.task;

import java.io.Serializable;

/** One object found by DETECTION: its category, confidence and box. */
public record DetectedObject(String category, double score, BoundingBox boundingBox)
        implements Serializable {}
