package ai.instill.flink.task;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Struct;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TaskEncodingTest {

    private static Struct encode(InstillTask task, TaskInput input) {
        return TaskCodec.of(task, InputLimits.DEFAULT).encode(input);
    }

    private static void assertWire(Struct actual, Struct expected) {
        assertThat(actual)
                .as("wire %s should be %s", WireJson.print(actual), WireJson.print(expected))
                .isEqualTo(expected);
    }

    @Test
    void classificationSendsTheRawBase64OfADataUriAndNoParameter() {
        Struct wire =
                encode(
                        InstillTask.CLASSIFICATION,
                        ImageInput.of(
                                Image.ofBase64(
                                        "data:image/jpeg;base64," + ImageSamples.JPEG_BASE64)));

        assertWire(wire, WireJson.resource("classification-request.json"));
        assertThat(wire.containsFields("parameter")).isFalse();
    }

    @Test
    void anImageFromBytesGoesOnTheWireExactlyAsTheSameImageFromBase64Text() {
        Struct fromBytes =
                encode(
                        InstillTask.CLASSIFICATION,
                        ImageInput.of(
                                Image.ofBytes(
                                        Base64.getDecoder().decode(ImageSamples.PNG_BASE64))));
        Struct fromText =
                encode(
                        InstillTask.CLASSIFICATION,
                        ImageInput.of(Image.ofBase64(ImageSamples.PNG_BASE64)));

        assertThat(fromBytes).isEqualTo(fromText);
        assertThat(fromBytes.toByteString()).isEqualTo(fromText.toByteString());
        assertThat(
                        fromBytes
                                .getFieldsOrThrow("data")
                                .getStructValue()
                                .getFieldsOrThrow("image-base64")
                                .getStringValue())
                .isEqualTo(ImageSamples.PNG_BASE64);
    }

    @Test
    void aPreparedImageIsEncodedAtEachSendAndItsSizeIsKnownWithoutEncoding() {
        TaskCodec codec = TaskCodec.of(InstillTask.CLASSIFICATION, InputLimits.DEFAULT);
        ImageInput input = ImageInput.of(ImageSamples.png());

        WireInput wire = codec.prepare(input);

        Struct sent = wire.struct();
        assertThat(sent).isEqualTo(codec.encode(input));
        assertThat(wire.struct()).as("built anew, not kept").isNotSameAs(sent);
        assertThat(wire.size()).isBetween(sent.getSerializedSize(), sent.getSerializedSize() + 64);
    }

    @Test
    void aPreparedTextInputKeepsItsWireForm() {
        TaskCodec codec = TaskCodec.of(InstillTask.TEXT_GENERATION, InputLimits.DEFAULT);

        WireInput wire =
                codec.prepare(
                        TextGenerationInput.builder()
                                .prompt("Write a haiku about rivers.")
                                .build());

        assertThat(wire.struct()).isSameAs(wire.struct());
        assertThat(wire.size()).isEqualTo(wire.struct().getSerializedSize());
    }

    @ParameterizedTest
    @EnumSource(
            names = {
                "DETECTION",
                "KEYPOINT",
                "OCR",
                "INSTANCE_SEGMENTATION",
                "SEMANTIC_SEGMENTATION"
            })
    void everyVisionTaskSendsTheImageLikeClassification(InstillTask task) {
        Struct wire = encode(task, ImageInput.of(ImageSamples.png()));

        assertWire(
                wire,
                WireJson.parse(
                        "{\"data\":{\"image-base64\":\""
                                + ImageSamples.PNG_BASE64
                                + "\",\"type\":\"image-base64\"}}"));
    }

    @Test
    void textGenerationMatchesTheSpecExample() {
        TextGenerationInput input =
                TextGenerationInput.builder()
                        .prompt("Write a haiku about rivers.")
                        .systemMessage("You are a poet.")
                        .maxNewTokens(64)
                        .temperature(0.7)
                        .build();

        assertWire(
                encode(InstillTask.TEXT_GENERATION, input),
                WireJson.resource("text-generation-request.json"));
    }

    @Test
    void textGenerationSendsOnlyThePromptAndNWhenNothingElseIsSet() {
        TextGenerationInput input =
                TextGenerationInput.builder().prompt("Hi").systemMessage("").build();

        assertWire(
                encode(InstillTask.TEXT_GENERATION, input),
                WireJson.parse("{\"data\":{\"prompt\":\"Hi\"},\"parameter\":{\"n\":1}}"));
    }

    @Test
    void textGenerationSendsZeroValuesThatAreSet() {
        TextGenerationInput input =
                TextGenerationInput.builder()
                        .prompt("Hi")
                        .temperature(0.0)
                        .seed(0L)
                        .maxNewTokens(0)
                        .build();

        assertWire(
                encode(InstillTask.TEXT_GENERATION, input),
                WireJson.parse(
                        "{\"data\":{\"prompt\":\"Hi\"},\"parameter\":{\"n\":1,\"temperature\":0,\"seed\":0,\"max-tokens\":0}}"));
    }

    @Test
    void chatMatchesTheSpecExampleWithASystemMessageAndAPromptImage() {
        ChatInput input =
                ChatInput.builder()
                        .prompt("What is in this picture?")
                        .systemMessage("You are a helpful assistant.")
                        .addPromptImage(
                                Image.ofBase64("data:image/jpeg;base64," + ImageSamples.PNG_BASE64))
                        .maxNewTokens(128)
                        .seed(42L)
                        .temperature(0.2)
                        .build();

        assertWire(
                encode(InstillTask.VISUAL_QUESTION_ANSWERING, input),
                WireJson.resource("chat-request.json"));
    }

    @Test
    void chatHistoryReplacesTheSystemMessageAsInTheSpecExample() {
        ChatInput input =
                ChatInput.builder()
                        .prompt("And in French?")
                        .systemMessage("ignored")
                        .maxNewTokens(64)
                        .chatHistory(
                                ChatMessage.system("Be brief."),
                                ChatMessage.user("Say hello."),
                                ChatMessage.assistant("Hello!"))
                        .build();

        assertWire(
                encode(InstillTask.TEXT_GENERATION_CHAT, input),
                WireJson.resource("chat-history-request.json"));
    }

    @Test
    void chatHistoryMapsImageAndImageUrlParts() {
        ChatInput input =
                ChatInput.builder()
                        .prompt("And this one?")
                        .chatHistory(
                                new ChatMessage(
                                        "user",
                                        List.of(
                                                ContentPart.text("Describe"),
                                                ContentPart.image(ImageSamples.png()),
                                                ContentPart.imageUrl(
                                                        "https://example.com/cat.jpg"))))
                        .build();

        assertWire(
                encode(InstillTask.CHAT, input),
                WireJson.parse(
                        "{\"data\":{\"messages\":["
                            + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Describe\"},"
                            + "{\"type\":\"image-base64\",\"image-base64\":\"data:image/png;base64,"
                                + ImageSamples.PNG_BASE64
                                + "\"},{\"type\":\"image-url\",\"image-url\":\"https://example.com/cat.jpg\"}]},{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"And"
                                + " this one?\"}]}]},\"parameter\":{\"n\":1}}"));
    }

    @ParameterizedTest
    @EnumSource(names = {"TEXT_GENERATION_CHAT", "VISUAL_QUESTION_ANSWERING", "CHAT"})
    void theThreeChatTasksShareOneMapping(InstillTask task) {
        ChatInput input = ChatInput.builder().prompt("Hello").temperature(0.0).build();

        assertWire(
                encode(task, input),
                WireJson.parse(
                        "{\"data\":{\"messages\":[{\"role\":\"user\",\"content\":"
                            + "[{\"type\":\"text\",\"text\":\"Hello\"}]}]},\"parameter\":{\"n\":1,\"temperature\":0}}"));
    }

    @Test
    void textToImageMatchesTheSpecExample() {
        TextToImageInput input =
                TextToImageInput.builder()
                        .prompt("a watercolor fox in the snow")
                        .samples(2)
                        .seed(7L)
                        .aspectRatio("16:9")
                        .negativePrompt("blurry")
                        .build();

        assertWire(
                encode(InstillTask.TEXT_TO_IMAGE, input),
                WireJson.resource("text-to-image-request.json"));
    }

    @Test
    void textToImageAlwaysSendsAParameterObject() {
        TextToImageInput input = TextToImageInput.builder().prompt("a fox").build();

        assertWire(
                encode(InstillTask.TEXT_TO_IMAGE, input),
                WireJson.parse("{\"data\":{\"prompt\":\"a fox\"},\"parameter\":{}}"));
    }

    @Test
    void embeddingMatchesTheSpecExample() {
        EmbeddingInput input =
                EmbeddingInput.builder()
                        .items(
                                EmbeddingItem.text("a photo of a cat"),
                                EmbeddingItem.imageUrl("https://example.com/cat.jpg"))
                        .format("float")
                        .dimensions(512)
                        .build();

        assertWire(
                encode(InstillTask.EMBEDDING, input), WireJson.resource("embedding-request.json"));
    }

    @Test
    void embeddingSendsImagesAsDataUrisAndEveryParameter() {
        EmbeddingInput input =
                EmbeddingInput.builder()
                        .addItem(EmbeddingItem.image(ImageSamples.jpeg()))
                        .format("base64")
                        .dimensions(256)
                        .inputType("query")
                        .truncate("Start")
                        .build();

        assertWire(
                encode(InstillTask.EMBEDDING, input),
                WireJson.parse(
                        "{\"data\":{\"embeddings\":["
                            + "{\"type\":\"image-base64\",\"image-base64\":\"data:image/jpeg;base64,"
                                + ImageSamples.JPEG_BASE64
                                + "\"}]},\"parameter\":{\"format\":\"base64\",\"dimensions\":256,\"input-type\":\"query\","
                                + "\"truncate\":\"Start\"}}"));
    }

    @Test
    void embeddingOmitsTheParameterObjectWhenNothingIsSet() {
        EmbeddingInput input = EmbeddingInput.builder().items(EmbeddingItem.text("cat")).build();

        assertWire(
                encode(InstillTask.EMBEDDING, input),
                WireJson.parse(
                        "{\"data\":{\"embeddings\":[{\"type\":\"text\",\"text\":\"cat\"}]}}"));
    }

    @Test
    void theCodecKnowsTheInputTypeOfEveryTask() {
        assertThat(TaskCodec.of(InstillTask.OCR, InputLimits.DEFAULT).inputType())
                .isEqualTo(ImageInput.class);
        assertThat(TaskCodec.of(InstillTask.TEXT_GENERATION, InputLimits.DEFAULT).inputType())
                .isEqualTo(TextGenerationInput.class);
        assertThat(TaskCodec.of(InstillTask.CHAT, InputLimits.DEFAULT).inputType())
                .isEqualTo(ChatInput.class);
        assertThat(TaskCodec.of(InstillTask.TEXT_TO_IMAGE, InputLimits.DEFAULT).inputType())
                .isEqualTo(TextToImageInput.class);
        assertThat(TaskCodec.of(InstillTask.EMBEDDING, InputLimits.DEFAULT).inputType())
                .isEqualTo(EmbeddingInput.class);
    }
}
