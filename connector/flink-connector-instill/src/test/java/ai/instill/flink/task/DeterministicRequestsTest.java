package ai.instill.flink.task;

import static org.assertj.core.api.Assertions.assertThat;

import ai.instill.flink.task.testutils.TaskSamples;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Which requests get the same answer each time: the ones a result cache may reuse. */
class DeterministicRequestsTest {

    @ParameterizedTest
    @EnumSource(
            value = InstillTask.class,
            names = {
                "CLASSIFICATION",
                "DETECTION",
                "KEYPOINT",
                "OCR",
                "INSTANCE_SEGMENTATION",
                "SEMANTIC_SEGMENTATION",
                "EMBEDDING"
            })
    void visionAndEmbeddingRequestsAlwaysAre(InstillTask task) {
        assertThat(codec(task).deterministic(TaskSamples.input(task))).isTrue();
    }

    @Test
    void textIsWhenSamplingIsPinnedBySeedOrZeroTemperature() {
        TaskCodec codec = codec(InstillTask.TEXT_GENERATION);
        assertThat(codec.deterministic(text(null, null))).as("the model's temperature").isFalse();
        assertThat(codec.deterministic(text(0.7, null))).isFalse();
        assertThat(codec.deterministic(text(0.0, null))).isTrue();
        assertThat(codec.deterministic(text(0.7, 42L))).isTrue();
    }

    @ParameterizedTest
    @EnumSource(
            value = InstillTask.class,
            names = {"TEXT_GENERATION_CHAT", "VISUAL_QUESTION_ANSWERING", "CHAT"})
    void chatFollowsTheSameRule(InstillTask task) {
        TaskCodec codec = codec(task);
        assertThat(codec.deterministic(ChatInput.builder().prompt("hi").build())).isFalse();
        assertThat(codec.deterministic(ChatInput.builder().prompt("hi").temperature(0.0).build()))
                .isTrue();
        assertThat(
                        codec.deterministic(
                                ChatInput.builder().prompt("hi").temperature(1.0).seed(7L).build()))
                .isTrue();
    }

    @Test
    void textToImageIsWithASeedAndOneSample() {
        TaskCodec codec = codec(InstillTask.TEXT_TO_IMAGE);
        assertThat(codec.deterministic(image(null, null))).isFalse();
        assertThat(codec.deterministic(image(null, 3L))).isTrue();
        assertThat(codec.deterministic(image(1, 3L))).isTrue();
        assertThat(codec.deterministic(image(4, 3L))).as("several samples").isFalse();
    }

    @Test
    void theSameRequestDigestsTheSameAndAnotherOtherwise() throws Exception {
        TaskCodec codec = codec(InstillTask.EMBEDDING);
        EmbeddingInput a = EmbeddingInput.builder().items(List.of(EmbeddingItem.text("a"))).build();
        EmbeddingInput b = EmbeddingInput.builder().items(List.of(EmbeddingItem.text("b"))).build();
        assertThat(digest(codec.prepare(a))).isEqualTo(digest(codec.prepare(a)));
        assertThat(digest(codec.prepare(a))).isNotEqualTo(digest(codec.prepare(b)));
    }

    private static String digest(WireInput input) throws Exception {
        java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
        input.digest(digest);
        return java.util.HexFormat.of().formatHex(digest.digest());
    }

    private static TextGenerationInput text(Double temperature, Long seed) {
        return TextGenerationInput.builder()
                .prompt("hi")
                .temperature(temperature)
                .seed(seed)
                .build();
    }

    private static TextToImageInput image(Integer samples, Long seed) {
        return TextToImageInput.builder().prompt("a cat").samples(samples).seed(seed).build();
    }

    private static TaskCodec codec(InstillTask task) {
        return TaskCodec.of(task, InputLimits.DEFAULT);
    }
}
