package ai.instill.flink.task;

import org.apache.flink.annotation.PublicEvolving;

/** The answer of CLASSIFICATION: the predicted category and its confidence. */
@PublicEvolving
public record ClassificationResult(String category, double score) implements TaskResult {}
