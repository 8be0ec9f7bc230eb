package ai.instill.flink.task;

import java.util.List;

/** The answer of EMBEDDING: one vector per input item, in item order. */
public record EmbeddingResult(List<Embedding> embeddings) implements TaskResult {

    public EmbeddingResult {
        embeddings = List.copyOf(embeddings);
    }
}
