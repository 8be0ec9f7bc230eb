package ai.instill.flink.server.real;

import static ai.instill.flink.server.models.StructValues.struct;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MiniLmEmbeddingTest {

    @RegisterExtension static final RealModelServer SERVER = new RealModelServer();

    @Test
    void placesParaphrasesCloserThanUnrelatedSentences() {
        SERVER.assumeReal(RealModels.EMBEDDER);

        List<double[]> vectors =
                embed(
                        "A cat sits on the mat.",
                        "A kitten is resting on a rug.",
                        "The stock market fell sharply on Monday.",
                        "Flink checkpoints its state to durable storage.");

        for (double[] vector : vectors) {
            assertThat(vector).hasSize(384);
            assertThat(dot(vector, vector)).isCloseTo(1.0, offset(1e-3));
        }
        double paraphrase = dot(vectors.get(0), vectors.get(1));
        assertThat(paraphrase).isGreaterThan(dot(vectors.get(0), vectors.get(2)) + 0.3);
        assertThat(paraphrase).isGreaterThan(dot(vectors.get(0), vectors.get(3)) + 0.3);
        assertThat(paraphrase).isGreaterThan(dot(vectors.get(1), vectors.get(2)) + 0.3);
    }

    @Test
    void refusesImageItemsAndOtherDimensions() {
        SERVER.assumeReal(RealModels.EMBEDDER);

        Struct image =
                struct(
                        "data",
                        struct(
                                "embeddings",
                                List.of(struct("type", "image-base64", "image-base64", "AAAA"))));
        Struct dimensions =
                struct(
                        "data", struct("embeddings", List.of(struct("type", "text", "text", "hi"))),
                        "parameter", struct("dimensions", 512));

        // a model failure is answered as OK with no outputs, as released servers do
        assertThat(SERVER.callAll(RealModels.EMBEDDER, List.of(image))).isEmpty();
        assertThat(SERVER.callAll(RealModels.EMBEDDER, List.of(dimensions))).isEmpty();
    }

    private static List<double[]> embed(String... texts) {
        List<Struct> items = new ArrayList<>();
        for (String text : texts) {
            items.add(struct("type", "text", "text", text));
        }
        Struct output =
                SERVER.call(RealModels.EMBEDDER, struct("data", struct("embeddings", items)));
        List<double[]> vectors = new ArrayList<>();
        for (Value embedding :
                output.getFieldsOrThrow("data")
                        .getStructValue()
                        .getFieldsOrThrow("embeddings")
                        .getListValue()
                        .getValuesList()) {
            List<Value> values =
                    embedding
                            .getStructValue()
                            .getFieldsOrThrow("vector")
                            .getListValue()
                            .getValuesList();
            double[] vector = new double[values.size()];
            for (int i = 0; i < vector.length; i++) {
                vector[i] = values.get(i).getNumberValue();
            }
            vectors.add(vector);
        }
        return vectors;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
