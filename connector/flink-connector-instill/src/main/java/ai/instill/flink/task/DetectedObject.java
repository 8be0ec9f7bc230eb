package ai.instill.flink.task;

import java.io.Serializable;
import org.apache.flink.annotation.PublicEvolving;

/** One object found by DETECTION: its category, confidence and box. */
@PublicEvolving
public record DetectedObject(String category, double score, BoundingBox boundingBox)
        implements Serializable {}
