package ai.instill.flink.server.models;

import static ai.instill.flink.server.models.StructValues.struct;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.instill.flink.server.imaging.PaletteColor;
import ai.instill.flink.server.testing.TestImages;
import ai.instill.flink.server.testutils.TaskInputs;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddingStandInTest {

    @Test
    void embedsEachItemInOrderWithL2NormalisedVectors() throws ModelFailure {
        Struct output =
                new EmbeddingStandIn()
                        .infer(
                                TaskInputs.embeddings(
                                        List.of(
                                                struct("type", "text", "text", "a photo of a cat"),
                                                struct(
                                                        "type",
                                                        "image-base64",
                                                        "image-base64",
                                                        TestImages.canvas(5, 5, PaletteColor.BLUE)
                                                                .base64()))));

        List<Value> embeddings = embeddings(output);
        assertThat(embeddings).hasSize(2);
        for (int i = 0; i < 2; i++) {
            Struct embedding = embeddings.get(i).getStructValue();
            assertThat(embedding.getFieldsMap()).containsOnlyKeys("index", "vector", "created");
            assertThat(embedding.getFieldsOrThrow("index").getNumberValue()).isEqualTo(i);
            double[] vector = vector(embeddings.get(i));
            assertThat(vector).hasSize(512);
            assertThat(norm(vector)).isCloseTo(1.0, within(1e-9));
        }
    }

    @Test
    void sameWordsGiveTheSameVectorWhateverTheirCase() throws ModelFailure {
        double[] a = vector(embeddings(embedText("Cat sat", 64)).get(0));
        double[] b = vector(embeddings(embedText("cat SAT", 64)).get(0));
        double[] c = vector(embeddings(embedText("dog ran", 64)).get(0));

        assertThat(a).containsExactly(b);
        assertThat(a).isNotEqualTo(c);
    }

    @Test
    void honoursDimensionsUpToAMillion() throws ModelFailure {
        Struct output = embedText("big vector", 1_000_000);

        assertThat(
                        embeddings(output)
                                .get(0)
                                .getStructValue()
                                .getFieldsOrThrow("vector")
                                .getListValue()
                                .getValuesCount())
                .isEqualTo(1_000_000);
        assertThat(output.getSerializedSize()).isGreaterThan(4 * 1024 * 1024);
    }

    @Test
    void failsOnImageUrls() {
        assertThatThrownBy(
                        () ->
                                new EmbeddingStandIn()
                                        .infer(
                                                TaskInputs.embeddings(
                                                        List.of(
                                                                struct(
                                                                        "type",
                                                                        "image-url",
                                                                        "image-url",
                                                                        "https://example.com/cat.jpg")))))
                .isInstanceOf(ModelFailure.class);
    }

    private static Struct embedText(String text, int dimensions) throws ModelFailure {
        return new EmbeddingStandIn()
                .infer(
                        TaskInputs.embeddings(
                                List.of(struct("type", "text", "text", text)),
                                "dimensions",
                                dimensions));
    }

    private static List<Value> embeddings(Struct output) {
        return VisionStandInsTest.data(output)
                .getFieldsOrThrow("embeddings")
                .getListValue()
                .getValuesList();
    }

    private static double[] vector(Value embedding) {
        return embedding
                .getStructValue()
                .getFieldsOrThrow("vector")
                .getListValue()
                .getValuesList()
                .stream()
                .mapToDouble(Value::getNumberValue)
                .toArray();
    }

    private static double norm(double[] vector) {
        double sum = 0;
        for (double v : vector) {
            sum += v * v;
        }
        return Math.sqrt(sum);
    }
}
