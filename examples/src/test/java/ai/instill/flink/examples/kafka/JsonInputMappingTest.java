package ai.instill.flink.examples.kafka;

import static ai.instill.flink.examples.kafka.testutils.EnrichmentRuns.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.instill.flink.error.InvalidInputException;
import ai.instill.flink.task.ChatInput;
import ai.instill.flink.task.ChatMessage;
import ai.instill.flink.task.ContentPart;
import ai.instill.flink.task.EmbeddingInput;
import ai.instill.flink.task.EmbeddingItem;
import ai.instill.flink.task.Image;
import ai.instill.flink.task.ImageInput;
import ai.instill.flink.task.InstillTask;
import ai.instill.flink.task.TaskInput;
import ai.instill.flink.task.TextGenerationInput;
import ai.instill.flink.task.TextToImageInput;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** JSON records to typed inputs, for every task, with the fields named by the mapping. */
class JsonInputMappingTest {

    private static final String PNG_BASE64 = "iVBORw0KGgo=";

    @Test
    void anImageFieldBecomesAnImageInputWhetherRawBase64OrADataUri() throws Exception {
        JsonInputMapping mapping = new JsonInputMapping(InstillTask.DETECTION, Map.of());
        assertThat(mapping.extract(record(object("image", PNG_BASE64))))
                .isEqualTo(new ImageInput(Image.ofBase64(PNG_BASE64)));
        assertThat(mapping.extract(record(object("image", "data:image/png;base64," + PNG_BASE64))))
                .isEqualTo(new ImageInput(Image.ofBase64(PNG_BASE64)));
    }

    @Test
    void fieldsCanBeRenamedOrReachedWithAJsonPointer() throws Exception {
        JsonInputMapping mapping =
                new JsonInputMapping(InstillTask.OCR, Map.of("image-field", "/payload/scan"));
        assertThat(mapping.extract(record(object("payload", Map.of("scan", PNG_BASE64)))))
                .isEqualTo(new ImageInput(Image.ofBase64(PNG_BASE64)));
    }

    @Test
    void textGenerationReadsThePromptAndItsSettings() throws Exception {
        JsonInputMapping mapping = new JsonInputMapping(InstillTask.TEXT_GENERATION, Map.of());
        assertThat(
                        mapping.extract(
                                record(
                                        object(
                                                "prompt",
                                                "hi",
                                                "system_message",
                                                "be brief",
                                                "max_new_tokens",
                                                0,
                                                "temperature",
                                                0.5,
                                                "seed",
                                                7))))
                .isEqualTo(
                        TextGenerationInput.builder()
                                .prompt("hi")
                                .systemMessage("be brief")
                                .maxNewTokens(0)
                                .temperature(0.5)
                                .seed(7L)
                                .build());
    }

    @Test
    void chatReadsTheHistoryWithTextAndPartsAndThePromptImages() throws Exception {
        JsonInputMapping mapping = new JsonInputMapping(InstillTask.CHAT, Map.of());
        String json =
                object(
                        "prompt",
                        "and now?",
                        "prompt_images",
                        List.of(PNG_BASE64),
                        "chat_history",
                        List.of(
                                Map.of("role", "user", "content", "hello"),
                                Map.of(
                                        "role",
                                        "assistant",
                                        "content",
                                        List.of(
                                                Map.of("type", "text", "text", "hi"),
                                                Map.of(
                                                        "type",
                                                        "image-url",
                                                        "image-url",
                                                        "https://example.com/a.png")))));
        assertThat(mapping.extract(record(json)))
                .isEqualTo(
                        ChatInput.builder()
                                .prompt("and now?")
                                .promptImages(List.of(Image.ofBase64(PNG_BASE64)))
                                .chatHistory(
                                        ChatMessage.user("hello"),
                                        new ChatMessage(
                                                "assistant",
                                                List.of(
                                                        ContentPart.text("hi"),
                                                        ContentPart.imageUrl(
                                                                "https://example.com/a.png"))))
                                .build());
    }

    @Test
    void embeddingItemsAreATextOrAListOfTextsAndImages() throws Exception {
        JsonInputMapping mapping = new JsonInputMapping(InstillTask.EMBEDDING, Map.of());
        assertThat(
                        mapping.extract(
                                record(
                                        object(
                                                "items",
                                                List.of("a", Map.of("image", PNG_BASE64)),
                                                "dimensions",
                                                8))))
                .isEqualTo(
                        EmbeddingInput.builder()
                                .items(
                                        EmbeddingItem.text("a"),
                                        EmbeddingItem.image(Image.ofBase64(PNG_BASE64)))
                                .dimensions(8)
                                .build());
    }

    @Test
    void aBrokenRecordNamesTheFieldAtFault() {
        JsonInputMapping image = new JsonInputMapping(InstillTask.CLASSIFICATION, Map.of());
        assertProblem(image, "{oops", "record", "is not JSON");
        assertProblem(image, "\"just a string\"", "record", "must be a JSON object, got a string");
        assertProblem(image, object("picture", PNG_BASE64), "image", "is missing");
        assertProblem(
                image,
                object("image", 12),
                "image",
                "must be a string with the image as base64 or a data URI, got a number");
        JsonInputMapping chat = new JsonInputMapping(InstillTask.CHAT, Map.of());
        assertProblem(
                chat,
                object("prompt", "x", "max_new_tokens", 1.5),
                "max_new_tokens",
                "must be an integer, got a number");
        assertProblem(
                chat,
                object("prompt", "x", "chat_history", List.of(Map.of("content", "hi"))),
                "chat_history[0].role",
                "is missing");
        assertProblem(
                chat,
                object(
                        "prompt",
                        "x",
                        "chat_history",
                        List.of(
                                Map.of(
                                        "role",
                                        "user",
                                        "content",
                                        List.of(Map.of("type", "video"))))),
                "chat_history[0].content[0].type",
                "must be text");
    }

    @Test
    void theMappingKeysAreEveryTasksJsonFieldsInSnakeCase() {
        assertThat(JsonInputMapping.DEFAULT_FIELDS)
                .containsOnly(
                        Map.entry("image-field", "image"),
                        Map.entry("prompt-field", "prompt"),
                        Map.entry("system-message-field", "system_message"),
                        Map.entry("chat-history-field", "chat_history"),
                        Map.entry("prompt-images-field", "prompt_images"),
                        Map.entry("max-new-tokens-field", "max_new_tokens"),
                        Map.entry("temperature-field", "temperature"),
                        Map.entry("seed-field", "seed"),
                        Map.entry("negative-prompt-field", "negative_prompt"),
                        Map.entry("aspect-ratio-field", "aspect_ratio"),
                        Map.entry("samples-field", "samples"),
                        Map.entry("items-field", "items"),
                        Map.entry("dimensions-field", "dimensions"));
    }

    /** One record with the fields of every task: each task reads its own and ignores the rest. */
    @ParameterizedTest
    @EnumSource(InstillTask.class)
    void everyTaskReadsItsFieldsFromARecord(InstillTask task) throws Exception {
        String json =
                object(
                        "image",
                        PNG_BASE64,
                        "prompt",
                        "hi",
                        "system_message",
                        "sys",
                        "chat_history",
                        List.of(Map.of("role", "user", "content", "hello")),
                        "prompt_images",
                        List.of(PNG_BASE64),
                        "max_new_tokens",
                        4,
                        "temperature",
                        0.5,
                        "seed",
                        9,
                        "negative_prompt",
                        "neg",
                        "aspect_ratio",
                        "1:1",
                        "samples",
                        2,
                        "items",
                        List.of("a", Map.of("image-url", "https://example.com/a.png")),
                        "dimensions",
                        8,
                        "input_type",
                        "query");
        assertThat(new JsonInputMapping(task, Map.of()).extract(record(json)))
                .isEqualTo(expectedInput(task));
    }

    @ParameterizedTest
    @EnumSource(InstillTask.class)
    void aRecordWithoutTheRequiredFieldNamesIt(InstillTask task) {
        String required =
                switch (task) {
                    case TEXT_GENERATION,
                            TEXT_GENERATION_CHAT,
                            VISUAL_QUESTION_ANSWERING,
                            CHAT,
                            TEXT_TO_IMAGE ->
                            "prompt";
                    case EMBEDDING -> "items";
                    default -> "image";
                };
        assertProblem(new JsonInputMapping(task, Map.of()), "{}", required, "is missing");
    }

    private static TaskInput expectedInput(InstillTask task) {
        return switch (task) {
            case CLASSIFICATION,
                    DETECTION,
                    KEYPOINT,
                    OCR,
                    INSTANCE_SEGMENTATION,
                    SEMANTIC_SEGMENTATION ->
                    new ImageInput(Image.ofBase64(PNG_BASE64));
            case TEXT_GENERATION ->
                    TextGenerationInput.builder()
                            .prompt("hi")
                            .systemMessage("sys")
                            .maxNewTokens(4)
                            .temperature(0.5)
                            .seed(9L)
                            .build();
            case TEXT_GENERATION_CHAT, VISUAL_QUESTION_ANSWERING, CHAT ->
                    ChatInput.builder()
                            .prompt("hi")
                            .systemMessage("sys")
                            .chatHistory(ChatMessage.user("hello"))
                            .addPromptImage(Image.ofBase64(PNG_BASE64))
                            .maxNewTokens(4)
                            .temperature(0.5)
                            .seed(9L)
                            .build();
            case TEXT_TO_IMAGE ->
                    TextToImageInput.builder()
                            .prompt("hi")
                            .samples(2)
                            .seed(9L)
                            .negativePrompt("neg")
                            .aspectRatio("1:1")
                            .build();
            case EMBEDDING ->
                    EmbeddingInput.builder()
                            .items(
                                    EmbeddingItem.text("a"),
                                    EmbeddingItem.imageUrl("https://example.com/a.png"))
                            .dimensions(8)
                            .build();
        };
    }

    private static void assertProblem(
            JsonInputMapping mapping, String json, String field, String problem) {
        assertThatThrownBy(() -> mapping.extract(record(json)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field))
                .hasMessageContaining(problem);
    }

    private static KafkaRecord record(String value) {
        return new KafkaRecord(null, value, "in", 0, 0);
    }
}
