package ai.instill.flink.task;

/** The answer of CLASSIFICATION: the predicted category and its confidence. */
public record ClassificationResult(String category, double score) implements TaskResult {}
