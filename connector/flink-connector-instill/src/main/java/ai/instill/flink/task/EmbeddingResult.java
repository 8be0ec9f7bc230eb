package ai.instill.flink.task;

import java.util.List;
import org.apache.flink.annotation.PublicEvolving;

/** The answer of EMBEDDING: one vector per input item, in item order. */
@PublicEvolving
public record EmbeddingResult(List<Embedding> embeddings) implements TaskResult {

    public EmbeddingResult {
        embeddings = List.copyOf(embeddings);
    }
}
