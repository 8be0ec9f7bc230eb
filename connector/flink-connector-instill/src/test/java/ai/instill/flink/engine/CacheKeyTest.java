package ai.instill.flink.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.instill.flink.task.Image;
import ai.instill.flink.task.ImageInput;
import ai.instill.flink.task.InputLimits;
import ai.instill.flink.task.InstillTask;
import ai.instill.flink.task.ModelName;
import ai.instill.flink.task.TaskCodec;
import ai.instill.flink.task.TaskInput;
import ai.instill.flink.task.TextGenerationInput;
import ai.instill.flink.task.testutils.TaskSamples;
import org.junit.jupiter.api.Test;

class CacheKeyTest {
    private static final String ENDPOINT = "http://instill:8080";
    private static final ModelName MODEL = ModelName.parse("acme/llm/v1");

    @Test
    void theSameRequestHasTheSameKey() {
        assertThat(textKey(ENDPOINT, MODEL, prompt("hello", 0.0)))
                .isEqualTo(textKey(ENDPOINT, MODEL, prompt("hello", 0.0)))
                .hasSameHashCodeAs(textKey(ENDPOINT, MODEL, prompt("hello", 0.0)));
    }

    @Test
    void everyPartOfTheRequestTellsKeysApart() {
        CacheKey key = textKey(ENDPOINT, MODEL, prompt("hello", 0.0));
        assertThat(textKey(ENDPOINT, MODEL, prompt("hello!", 0.0))).isNotEqualTo(key);
        assertThat(textKey(ENDPOINT, MODEL, prompt("hello", 0.5)))
                .as("parameters")
                .isNotEqualTo(key);
        assertThat(textKey("http://other:8080", MODEL, prompt("hello", 0.0))).isNotEqualTo(key);
        assertThat(textKey(ENDPOINT, ModelName.parse("acme/llm/v2"), prompt("hello", 0.0)))
                .isNotEqualTo(key);
        assertThat(textKey(ENDPOINT, ModelName.parse("acme/llm"), prompt("hello", 0.0)))
                .as("unpinned")
                .isNotEqualTo(key);
        assertThat(textKey(ENDPOINT, ModelName.parse("other/llm/v1"), prompt("hello", 0.0)))
                .as("namespace")
                .isNotEqualTo(key);
        CacheKey chat =
                CacheKey.scope(ENDPOINT, InstillTask.TEXT_GENERATION_CHAT)
                        .key(
                                MODEL,
                                TaskCodec.of(InstillTask.TEXT_GENERATION, InputLimits.DEFAULT)
                                        .prepare(prompt("hello", 0.0)));
        assertThat(chat).as("task").isNotEqualTo(key);
    }

    @Test
    void namesThatRunTogetherDoNotCollide() {
        assertThat(textKey(ENDPOINT, ModelName.parse("ab/c/v1"), prompt("x", 0.0)))
                .isNotEqualTo(textKey(ENDPOINT, ModelName.parse("a/bc/v1"), prompt("x", 0.0)));
    }

    @Test
    void anImageHasOneKeyWhetherGivenAsBytesOrAsBase64() {
        CacheKey.Scope scope = CacheKey.scope(ENDPOINT, InstillTask.CLASSIFICATION);
        TaskCodec codec = TaskCodec.of(InstillTask.CLASSIFICATION, InputLimits.DEFAULT);
        CacheKey bytes = scope.key(MODEL, codec.prepare(ImageInput.of(TaskSamples.image())));
        CacheKey base64 =
                scope.key(
                        MODEL,
                        codec.prepare(
                                ImageInput.of(
                                        Image.ofBase64(
                                                "data:image/png;base64,"
                                                        + TaskSamples.PNG_BASE64))));
        assertThat(base64).isEqualTo(bytes);
        byte[] other = TaskSamples.PNG.clone();
        other[23] = 3; // the height in the header: 4 × 3 instead of 4 × 2
        assertThat(scope.key(MODEL, codec.prepare(ImageInput.of(Image.ofBytes(other)))))
                .isNotEqualTo(bytes);
    }

    @Test
    void itsTextShowsADigestPrefixOnly() {
        assertThat(textKey(ENDPOINT, MODEL, prompt("a secret prompt", 0.0)).toString())
                .matches("CacheKey\\[[0-9a-f]{16}…\\]");
    }

    private static CacheKey textKey(String endpoint, ModelName model, TaskInput input) {
        return CacheKey.scope(endpoint, InstillTask.TEXT_GENERATION)
                .key(
                        model,
                        TaskCodec.of(InstillTask.TEXT_GENERATION, InputLimits.DEFAULT)
                                .prepare(input));
    }

    private static TextGenerationInput prompt(String text, double temperature) {
        return TextGenerationInput.builder().prompt(text).temperature(temperature).build();
    }
}
