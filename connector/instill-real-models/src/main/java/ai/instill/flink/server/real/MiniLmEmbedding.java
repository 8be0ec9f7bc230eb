package ai.instill.flink.server.real;

import ai.instill.flink.server.models.ModelBackend;
import ai.instill.flink.server.models.ModelFailure;
import ai.instill.flink.server.models.StructPath;
import ai.instill.flink.server.models.StructValues;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Text embeddings by all-MiniLM-L6-v2 (quantized ONNX and tokenizer from the langchain4j jar, on
 * ONNX Runtime): 384 floats per text item, mean-pooled and L2-normalised.
 */
final class MiniLmEmbedding implements ModelBackend {

    static final String MODEL =
            "all-MiniLM-L6-v2 (quantized ONNX, langchain4j) on ONNX Runtime 1.20";

    static final int DIMENSIONS = 384;

    private final AllMiniLmL6V2QuantizedEmbeddingModel model;

    private MiniLmEmbedding(AllMiniLmL6V2QuantizedEmbeddingModel model) {
        this.model = model;
    }

    static MiniLmEmbedding load() {
        return new MiniLmEmbedding(new AllMiniLmL6V2QuantizedEmbeddingModel());
    }

    @Override
    public String label() {
        return ModelBackend.realLabel(MODEL);
    }

    @Override
    public Struct infer(Struct taskInput) throws ModelFailure {
        long dimensions = StructPath.integer(taskInput, DIMENSIONS, "parameter", "dimensions");
        if (dimensions != DIMENSIONS) {
            throw new ModelFailure(
                    "all-MiniLM-L6-v2 answers " + DIMENSIONS + " dimensions, not " + dimensions);
        }
        List<Value> items =
                StructPath.find(taskInput, "data", "embeddings")
                        .map(value -> value.getListValue().getValuesList())
                        .orElse(List.of());
        long created = System.currentTimeMillis() / 1000;
        List<Struct> embeddings = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Struct item = items.get(i).getStructValue();
            if (!"text".equals(StructPath.string(item, "", "type"))) {
                throw new ModelFailure("all-MiniLM-L6-v2 embeds text items only");
            }
            float[] vector = model.embed(StructPath.string(item, "", "text")).content().vector();
            List<Double> values = new ArrayList<>(vector.length);
            for (float v : vector) {
                values.add((double) v);
            }
            embeddings.add(StructValues.struct("index", i, "vector", values, "created", created));
        }
        return RealOutput.of(StructValues.struct("embeddings", embeddings), MODEL);
    }
}
