package ai.instill.flink.task;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Struct;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TaskDecodingTest {

    private static final ImageInput IMAGE = ImageInput.of(ImageSamples.png());

    private static TaskResult decode(InstillTask task, TaskInput input, Struct output) {
        return TaskCodec.of(task, InputLimits.DEFAULT).decode(input, output);
    }

    @Test
    void decodesTheClassificationExample() {
        assertThat(
                        decode(
                                InstillTask.CLASSIFICATION,
                                IMAGE,
                                WireJson.resource("classification-output.json")))
                .isEqualTo(new ClassificationResult("golden retriever", 0.931));
    }

    @Test
    void decodesTheDetectionExample() {
        assertThat(decode(InstillTask.DETECTION, IMAGE, WireJson.resource("detection-output.json")))
                .isEqualTo(
                        new DetectionResult(
                                List.of(
                                        new DetectedObject(
                                                "dog", 0.91, new BoundingBox(324, 102, 208, 405)),
                                        new DetectedObject(
                                                "person",
                                                0.77,
                                                new BoundingBox(12, 40, 150, 470)))));
    }

    @Test
    void decodesADetectionWithoutObjects() {
        assertThat(
                        decode(
                                InstillTask.DETECTION,
                                IMAGE,
                                WireJson.parse("{\"data\":{\"objects\":[]}}")))
                .isEqualTo(new DetectionResult(List.of()));
    }

    @Test
    void decodesTheKeypointExample() {
        assertThat(decode(InstillTask.KEYPOINT, IMAGE, WireJson.resource("keypoint-output.json")))
                .isEqualTo(
                        new KeypointResult(
                                List.of(
                                        new KeypointObject(
                                                0.88,
                                                new BoundingBox(210, 60, 180, 420),
                                                List.of(
                                                        new Keypoint(301.5, 88.2, 0.97),
                                                        new Keypoint(309.0, 80.1, 0.95),
                                                        new Keypoint(292.4, 80.7, 0.93))))));
    }

    @Test
    void decodesTheOcrExample() {
        assertThat(decode(InstillTask.OCR, IMAGE, WireJson.resource("ocr-output.json")))
                .isEqualTo(
                        new OcrResult(
                                List.of(
                                        new OcrObject(
                                                "INSTILL",
                                                0.99,
                                                new BoundingBox(22, 14, 140, 36)))));
    }

    @Test
    void decodesTheInstanceSegmentationExampleWithAMaskInsideTheBox() {
        InstanceSegmentationResult result =
                (InstanceSegmentationResult)
                        decode(
                                InstillTask.INSTANCE_SEGMENTATION,
                                IMAGE,
                                WireJson.resource("instance-segmentation-output.json"));

        InstanceObject object = result.objects().get(0);
        assertThat(object)
                .isEqualTo(
                        new InstanceObject(
                                "stomata", 0.95, new BoundingBox(20, 10, 4, 3), "2,3,1,2,4"));
        assertThat(object.mask().toString()).isEqualTo("0110\n0110\n1000");
    }

    @Test
    void roundsFractionalBoxSizesForTheInstanceMask() {
        Struct output =
                WireJson.parse(
                        "{\"data\":{\"objects\":[{\"category\":\"cell\",\"score\":0.5,"
                            + "\"bounding-box\":{\"top\":0,\"left\":0,\"width\":1.6,\"height\":2.4},\"rle\":\"1,2,1\"}]}}");

        InstanceSegmentationResult result =
                (InstanceSegmentationResult)
                        decode(InstillTask.INSTANCE_SEGMENTATION, IMAGE, output);

        assertThat(result.objects().get(0).mask().toString()).isEqualTo("01\n10");
    }

    @Test
    void decodesInstanceMasksMadeForAFractionalBoxRoundedDownUpOrMixed() {
        // a 2.4 high × 3.6 wide box: the model cropped 2 × 3, 3 × 4, 3 × 3 and 2 × 4 pixels
        String[] rles = {"0,6", "0,12", "0,9", "0,8"};
        int[][] sizes = {{2, 3}, {3, 4}, {3, 3}, {2, 4}};
        StringBuilder objects = new StringBuilder();
        for (String rle : rles) {
            objects.append(objects.length() == 0 ? "" : ",")
                    .append("{\"category\":\"cell\",\"score\":0.5,\"bounding-box\":")
                    .append("{\"top\":10.3,\"left\":20.7,\"width\":3.6,\"height\":2.4},")
                    .append("\"rle\":\"")
                    .append(rle)
                    .append("\"}");
        }
        Struct output = WireJson.parse("{\"data\":{\"objects\":[" + objects + "]}}");

        InstanceSegmentationResult result =
                (InstanceSegmentationResult)
                        decode(InstillTask.INSTANCE_SEGMENTATION, IMAGE, output);

        for (int i = 0; i < rles.length; i++) {
            BinaryMask mask = result.objects().get(i).mask();
            assertThat(new int[] {mask.height(), mask.width()}).as(rles[i]).isEqualTo(sizes[i]);
            assertThat(mask.count()).isEqualTo(sizes[i][0] * sizes[i][1]);
        }
    }

    @Test
    void decodesTheSemanticSegmentationExampleAgainstTheInputImageSize() {
        SemanticSegmentationResult result =
                (SemanticSegmentationResult)
                        decode(
                                InstillTask.SEMANTIC_SEGMENTATION,
                                IMAGE,
                                WireJson.resource("semantic-segmentation-output.json"));

        assertThat(result.imageWidth()).isEqualTo(4);
        assertThat(result.imageHeight()).isEqualTo(2);
        assertThat(result.stuffs())
                .containsExactly(new Stuff("road", "3,2,3"), new Stuff("sky", "0,3,2,3"));
        assertThat(result.mask(result.stuffs().get(0)).toString()).isEqualTo("0010\n0100");
        assertThat(result.mask(result.stuffs().get(1)).toString()).isEqualTo("1101\n1011");
    }

    @Test
    void decodesTheTextGenerationExampleWithoutUsage() {
        assertThat(
                        decode(
                                InstillTask.TEXT_GENERATION,
                                null,
                                WireJson.resource("text-generation-output.json")))
                .isEqualTo(new TextResult("Silver water bends / ...", "length", null));
    }

    @ParameterizedTest
    @EnumSource(names = {"TEXT_GENERATION_CHAT", "VISUAL_QUESTION_ANSWERING", "CHAT"})
    void decodesTheChatExampleWithUsage(InstillTask task) {
        assertThat(decode(task, null, WireJson.resource("chat-output.json")))
                .isEqualTo(
                        new TextResult(
                                "A dog running on a beach.", "stop", new Usage(652, 8, 660)));
    }

    @Test
    void ignoresUnknownKeys() {
        Struct output =
                WireJson.parse(
                        "{\"data\":{\"category\":\"cat\",\"score\":0.5,\"extra\":1},"
                                + "\"metadata\":{\"stand-in\":true}}");

        assertThat(decode(InstillTask.CLASSIFICATION, IMAGE, output))
                .isEqualTo(new ClassificationResult("cat", 0.5));
    }

    @Test
    void textResultsWithoutUsageInMetadataHaveNoUsage() {
        Struct output =
                WireJson.parse(
                        "{\"data\":{\"choices\":[{\"finish-reason\":\"stop\","
                            + "\"message\":{\"role\":\"assistant\",\"content\":\"Hi\"}}]},\"metadata\":{\"stand-in\":true}}");

        assertThat(decode(InstillTask.CHAT, null, output))
                .isEqualTo(new TextResult("Hi", "stop", null));
    }

    @Test
    void decodesTextToImageImagesWithAndWithoutTheDataUriPrefix() {
        TextToImageResult result =
                (TextToImageResult)
                        decode(
                                InstillTask.TEXT_TO_IMAGE,
                                null,
                                WireJson.resource("text-to-image-output.json"));

        assertThat(result.images()).containsExactly(ImageSamples.jpeg(), ImageSamples.jpeg());
        assertThat(result.images().get(0).mimeType()).isEqualTo("image/jpeg");
    }

    @Test
    void decodesTheEmbeddingExampleAsOneVectorPerItem() {
        EmbeddingInput input =
                EmbeddingInput.builder()
                        .items(
                                EmbeddingItem.text("a photo of a cat"),
                                EmbeddingItem.imageUrl("https://example.com/cat.jpg"))
                        .build();

        assertThat(decode(InstillTask.EMBEDDING, input, WireJson.resource("embedding-output.json")))
                .isEqualTo(
                        new EmbeddingResult(
                                List.of(
                                        new Embedding(0, new float[] {0.0132f, -0.0441f, 0.0087f}),
                                        new Embedding(
                                                1, new float[] {0.0210f, -0.0398f, 0.0120f}))));
    }

    @Test
    void ordersEmbeddingsByIndex() {
        EmbeddingInput input =
                EmbeddingInput.builder()
                        .items(EmbeddingItem.text("a"), EmbeddingItem.text("b"))
                        .build();
        Struct output =
                WireJson.parse(
                        "{\"data\":{\"embeddings\":["
                                + "{\"index\":1,\"vector\":[2]},{\"index\":0,\"vector\":[1]}]}}");

        EmbeddingResult result = (EmbeddingResult) decode(InstillTask.EMBEDDING, input, output);

        assertThat(result.embeddings()).extracting(Embedding::index).containsExactly(0, 1);
        assertThat(result.embeddings().get(0).vector()).containsExactly(1f);
    }

    @Test
    void embeddingsAreEqualByContent() {
        Embedding embedding = new Embedding(0, new float[] {1f, 2f});

        assertThat(embedding)
                .isEqualTo(new Embedding(0, new float[] {1f, 2f}))
                .hasSameHashCodeAs(new Embedding(0, new float[] {1f, 2f}))
                .isNotEqualTo(new Embedding(1, new float[] {1f, 2f}));
        assertThat(embedding.toString()).isEqualTo("Embedding[index=0, vector=[1.0, 2.0]]");
        assertThat(embedding.dimensions()).isEqualTo(2);
    }

    @Test
    void embeddingVectorsCannotBeChangedFromOutside() {
        float[] vector = {1f, 2f};
        Embedding embedding = new Embedding(0, vector);
        vector[0] = 9f;
        embedding.vector()[1] = 9f;

        assertThat(embedding.vector()).containsExactly(1f, 2f);
    }
}
