package ai.instill.flink.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SerializationTest {

    private static void assertSurvivesRoundTrip(Object value) {
        assertThat(ImageSamples.roundTrip(value)).isEqualTo(value).isNotSameAs(value);
    }

    @Test
    void everyInputSurvivesJavaSerialization() {
        assertSurvivesRoundTrip(ImageInput.of(ImageSamples.png()));
        assertSurvivesRoundTrip(
                TextGenerationInput.builder()
                        .prompt("Hi")
                        .systemMessage("Be brief.")
                        .maxNewTokens(3)
                        .temperature(0.0)
                        .seed(1L)
                        .build());
        assertSurvivesRoundTrip(
                ChatInput.builder()
                        .prompt("What is this?")
                        .addPromptImage(ImageSamples.jpeg())
                        .chatHistory(
                                ChatMessage.system("Be brief."),
                                new ChatMessage(
                                        "user",
                                        List.of(
                                                ContentPart.text("Look"),
                                                ContentPart.image(ImageSamples.png()),
                                                ContentPart.imageUrl("https://example.com/a.png"))))
                        .temperature(0.2)
                        .build());
        assertSurvivesRoundTrip(
                TextToImageInput.builder()
                        .prompt("a fox")
                        .samples(2)
                        .seed(7L)
                        .negativePrompt("blurry")
                        .aspectRatio("16:9")
                        .build());
        assertSurvivesRoundTrip(
                EmbeddingInput.builder()
                        .items(
                                EmbeddingItem.text("cat"),
                                EmbeddingItem.image(ImageSamples.png()),
                                EmbeddingItem.imageUrl("https://example.com/cat.jpg"))
                        .format("float")
                        .dimensions(3)
                        .inputType("query")
                        .truncate("End")
                        .build());
    }

    @Test
    void everyResultSurvivesJavaSerialization() {
        BoundingBox box = new BoundingBox(1, 2, 4, 3);
        assertSurvivesRoundTrip(new ClassificationResult("cat", 0.9));
        assertSurvivesRoundTrip(new DetectionResult(List.of(new DetectedObject("cat", 0.9, box))));
        assertSurvivesRoundTrip(
                new KeypointResult(
                        List.of(
                                new KeypointObject(
                                        0.9, box, List.of(new Keypoint(1.5, 2.5, 0.9))))));
        assertSurvivesRoundTrip(new OcrResult(List.of(new OcrObject("INSTILL", 0.99, box))));
        assertSurvivesRoundTrip(
                new InstanceSegmentationResult(
                        List.of(new InstanceObject("stomata", 0.95, box, "2,3,1,2,4"))));
        assertSurvivesRoundTrip(
                new SemanticSegmentationResult(2, 4, List.of(new Stuff("road", "3,2,3"))));
        assertSurvivesRoundTrip(new TextResult("Hello", "stop", new Usage(1, 2, 3)));
        assertSurvivesRoundTrip(new TextResult("Hello", "length", null));
        assertSurvivesRoundTrip(new TextToImageResult(List.of(ImageSamples.jpeg())));
        assertSurvivesRoundTrip(
                new EmbeddingResult(List.of(new Embedding(0, new float[] {0.5f, -1f}))));
    }

    @Test
    void theCodecSurvivesJavaSerialization() {
        TaskCodec codec = TaskCodec.of(InstillTask.SEMANTIC_SEGMENTATION, new InputLimits(1024));

        TaskCodec copy = ImageSamples.roundTrip(codec);

        assertThat(copy).isEqualTo(codec);
        assertThat(copy.encode(ImageInput.of(ImageSamples.png())))
                .isEqualTo(codec.encode(ImageInput.of(ImageSamples.png())));
    }

    @Test
    void inputListsAreImmutableCopies() {
        List<EmbeddingItem> items = new java.util.ArrayList<>(List.of(EmbeddingItem.text("cat")));
        EmbeddingInput input = new EmbeddingInput(items, null, null, null, null);
        items.add(EmbeddingItem.text("dog"));

        assertThat(input.items()).hasSize(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> input.items().add(EmbeddingItem.text("x")))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
