package ai.instill.flink.task;

import java.util.Arrays;
import java.util.List;

/** Decodes an embedding output into one vector per input item, ordered by {@code index}. */
final class EmbeddingDecoder {

    private EmbeddingDecoder() {}

    static EmbeddingResult decode(OutputObject root, int expectedCount) {
        OutputObject data = root.object("data");
        List<OutputObject> entries = data.objects("embeddings");
        if (entries.size() != expectedCount) {
            throw OutputObject.malformed(
                    data.path("embeddings"),
                    "expected "
                            + expectedCount
                            + " embeddings (one per item sent), got "
                            + entries.size());
        }
        Embedding[] byIndex = new Embedding[expectedCount];
        for (OutputObject entry : entries) {
            long index = entry.integer("index");
            if (index < 0 || index >= expectedCount) {
                throw OutputObject.malformed(
                        entry.path("index"),
                        "expected an index from 0 to " + (expectedCount - 1) + ", got " + index);
            }
            if (byIndex[(int) index] != null) {
                throw OutputObject.malformed(
                        entry.path("index"), "index " + index + " appears twice");
            }
            byIndex[(int) index] = new Embedding((int) index, entry.floats("vector"));
        }
        return new EmbeddingResult(Arrays.asList(byIndex));
    }
}
