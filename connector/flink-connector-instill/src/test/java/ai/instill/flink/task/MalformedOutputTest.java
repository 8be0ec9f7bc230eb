package ai.instill.flink.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.instill.flink.error.ErrorCode;
import ai.instill.flink.error.InstillModelException;
import ai.instill.flink.error.InvalidInputException;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import org.junit.jupiter.api.Test;

class MalformedOutputTest {

    private static final ImageInput IMAGE = ImageInput.of(ImageSamples.png());
    private static final EmbeddingInput TWO_ITEMS =
            EmbeddingInput.builder()
                    .items(EmbeddingItem.text("a"), EmbeddingItem.text("b"))
                    .build();

    private static void assertMalformed(
            InstillTask task, TaskInput input, String json, String message) {
        assertMalformed(task, input, WireJson.parse(json), message);
    }

    private static void assertMalformed(
            InstillTask task, TaskInput input, Struct output, String message) {
        TaskCodec codec = TaskCodec.of(task, InputLimits.DEFAULT);
        assertThatThrownBy(() -> codec.decode(input, output))
                .isExactlyInstanceOf(InstillModelException.class)
                .satisfies(
                        e ->
                                assertThat(((InstillModelException) e).code())
                                        .isEqualTo(ErrorCode.MALFORMED_OUTPUT))
                .hasMessage("MALFORMED_OUTPUT: " + message);
    }

    private static String box(String width) {
        return "\"bounding-box\":{\"top\":1,\"left\":2,\"width\":" + width + ",\"height\":3}";
    }

    private static String detection(String object) {
        return "{\"data\":{\"objects\":[{\"category\":\"a\",\"score\":1,"
                + box("4")
                + "},"
                + "{\"category\":\"b\",\"score\":1,"
                + box("4")
                + "},"
                + object
                + "]}}";
    }

    // --- envelope ---

    @Test
    void aMissingOutputIsMalformed() {
        assertMalformed(
                InstillTask.CLASSIFICATION,
                IMAGE,
                (Struct) null,
                "task_output: missing (expected an object)");
    }

    @Test
    void anOutputWithoutDataIsMalformed() {
        assertMalformed(
                InstillTask.CLASSIFICATION,
                IMAGE,
                "{\"metadata\":{}}",
                "data: missing (expected an object)");
    }

    @Test
    void dataThatIsNotAnObjectIsMalformed() {
        assertMalformed(
                InstillTask.DETECTION,
                IMAGE,
                "{\"data\":\"objects\"}",
                "data: expected an object, got string");
    }

    @Test
    void aValueWithoutAKindIsMalformed() {
        Struct output =
                Struct.newBuilder()
                        .putFields(
                                "data",
                                Value.newBuilder()
                                        .setStructValue(
                                                Struct.newBuilder()
                                                        .putFields(
                                                                "category",
                                                                Value.getDefaultInstance())
                                                        .putFields(
                                                                "score",
                                                                Value.newBuilder()
                                                                        .setNumberValue(1)
                                                                        .build()))
                                        .build())
                        .build();

        assertMalformed(
                InstillTask.CLASSIFICATION,
                IMAGE,
                output,
                "data.category: expected a string, got an empty value");
    }

    // --- vision ---

    @Test
    void aMissingCategoryIsMalformed() {
        assertMalformed(
                InstillTask.CLASSIFICATION,
                IMAGE,
                "{\"data\":{\"score\":0.5}}",
                "data.category: missing (expected a string)");
    }

    @Test
    void aScoreThatIsNotANumberIsMalformed() {
        assertMalformed(
                InstillTask.CLASSIFICATION,
                IMAGE,
                "{\"data\":{\"category\":\"cat\",\"score\":\"high\"}}",
                "data.score: expected a number, got string");
    }

    @Test
    void aNumberThatIsNotFiniteIsMalformed() {
        Struct output =
                Struct.newBuilder()
                        .putFields(
                                "data",
                                Value.newBuilder()
                                        .setStructValue(
                                                Struct.newBuilder()
                                                        .putFields(
                                                                "category",
                                                                Value.newBuilder()
                                                                        .setStringValue("cat")
                                                                        .build())
                                                        .putFields(
                                                                "score",
                                                                Value.newBuilder()
                                                                        .setNumberValue(Double.NaN)
                                                                        .build()))
                                        .build())
                        .build();

        assertMalformed(
                InstillTask.CLASSIFICATION,
                IMAGE,
                output,
                "data.score: expected a finite number, got NaN");
    }

    @Test
    void objectsThatAreNotAnArrayAreMalformed() {
        assertMalformed(
                InstillTask.DETECTION,
                IMAGE,
                "{\"data\":{\"objects\":{}}}",
                "data.objects: expected an array, got object");
    }

    @Test
    void anObjectThatIsNotAnObjectIsMalformed() {
        assertMalformed(
                InstillTask.DETECTION,
                IMAGE,
                "{\"data\":{\"objects\":[7]}}",
                "data.objects[0]: expected an object, got number");
    }

    @Test
    void aBoundingBoxWidthThatIsAStringIsMalformed() {
        assertMalformed(
                InstillTask.DETECTION,
                IMAGE,
                detection("{\"category\":\"c\",\"score\":1," + box("\"wide\"") + "}"),
                "data.objects[2].bounding-box.width: expected a number, got string");
    }

    @Test
    void aMissingBoundingBoxIsMalformed() {
        assertMalformed(
                InstillTask.OCR,
                IMAGE,
                "{\"data\":{\"objects\":[{\"text\":\"a\",\"score\":1}]}}",
                "data.objects[0].bounding-box: missing (expected an object)");
    }

    @Test
    void ocrTextThatIsNotAStringIsMalformed() {
        assertMalformed(
                InstillTask.OCR,
                IMAGE,
                "{\"data\":{\"objects\":[{\"text\":42,\"score\":1," + box("4") + "}]}}",
                "data.objects[0].text: expected a string, got number");
    }

    @Test
    void aNullKeypointCoordinateIsMalformed() {
        assertMalformed(
                InstillTask.KEYPOINT,
                IMAGE,
                "{\"data\":{\"objects\":[{\"score\":1,"
                        + box("4")
                        + ",\"keypoints\":[{\"x\":1,\"y\":2,\"v\":1},{\"x\":1,\"y\":2,\"v\":null}]}]}}",
                "data.objects[0].keypoints[1].v: expected a number, got null");
    }

    @Test
    void missingKeypointsAreMalformed() {
        assertMalformed(
                InstillTask.KEYPOINT,
                IMAGE,
                "{\"data\":{\"objects\":[{\"score\":1," + box("4") + "}]}}",
                "data.objects[0].keypoints: missing (expected an array)");
    }

    @Test
    void anInstanceRleThatCoversTooFewPixelsOfTheBoxIsMalformed() {
        assertMalformed(
                InstillTask.INSTANCE_SEGMENTATION,
                IMAGE,
                instance("4", "2,3,1,2,3"),
                "data.objects[0].rle: RLE counts sum to 11 but the mask has 12 pixels (3 high × 4"
                        + " wide); instance masks cover the bounding box");
    }

    @Test
    void anInstanceRleThatFitsNoRoundingOfAFractionalBoxIsMalformed() {
        assertMalformed(
                InstillTask.INSTANCE_SEGMENTATION,
                IMAGE,
                instance("4.5", "2,3,1,2,3"),
                "data.objects[0].rle: RLE counts sum to 11 but the mask of a 3 high × 4.5 wide"
                        + " box, each side rounded down or up, has 12 or 15 pixels (3 high × 4 or 5"
                        + " wide); instance masks cover the bounding box");
    }

    @Test
    void anInstanceRleWithGarbageIsMalformed() {
        assertMalformed(
                InstillTask.INSTANCE_SEGMENTATION,
                IMAGE,
                instance("4", "2;3;7"),
                "data.objects[0].rle: RLE must be comma-separated non-negative integers, but count"
                        + " 1 is '2;3;7'; instance masks cover the bounding box");
    }

    @Test
    void aMissingInstanceRleIsMalformed() {
        assertMalformed(
                InstillTask.INSTANCE_SEGMENTATION,
                IMAGE,
                "{\"data\":{\"objects\":[{\"category\":\"a\",\"score\":1," + box("4") + "}]}}",
                "data.objects[0].rle: missing (expected a string)");
    }

    @Test
    void aNegativeInstanceBoxSizeIsMalformed() {
        assertMalformed(
                InstillTask.INSTANCE_SEGMENTATION,
                IMAGE,
                instance("-4", "0"),
                "data.objects[0].bounding-box.width: expected a size not below 0, got -4.0");
    }

    private static String instance(String width, String rle) {
        return "{\"data\":{\"objects\":[{\"category\":\"a\",\"score\":1,"
                + box(width)
                + ",\"rle\":\""
                + rle
                + "\"}]}}";
    }

    @Test
    void aSemanticRleThatCoversMoreThanTheImageIsMalformed() {
        assertMalformed(
                InstillTask.SEMANTIC_SEGMENTATION,
                IMAGE,
                "{\"data\":{\"stuffs\":[{\"category\":\"road\",\"rle\":\"3,2,3\"},"
                        + "{\"category\":\"sky\",\"rle\":\"0,3,2,4\"}]}}",
                "data.stuffs[1].rle: RLE counts sum to more than 8 but the mask has 8 pixels (2"
                        + " high × 4 wide); semantic masks cover the whole 4 wide × 2 high input"
                        + " image");
    }

    @Test
    void anEmptySemanticRleIsMalformed() {
        assertMalformed(
                InstillTask.SEMANTIC_SEGMENTATION,
                IMAGE,
                "{\"data\":{\"stuffs\":[{\"category\":\"road\",\"rle\":\"\"}]}}",
                "data.stuffs[0].rle: RLE is empty but the mask has 8 pixels (2 high × 4 wide); "
                        + "semantic masks cover the whole 4 wide × 2 high input image");
    }

    @Test
    void missingStuffsAreMalformed() {
        assertMalformed(
                InstillTask.SEMANTIC_SEGMENTATION,
                IMAGE,
                "{\"data\":{\"objects\":[]}}",
                "data.stuffs: missing (expected an array)");
    }

    @Test
    void semanticSegmentationNeedsTheImageItAnswers() {
        TaskCodec codec = TaskCodec.of(InstillTask.SEMANTIC_SEGMENTATION, InputLimits.DEFAULT);

        assertThatThrownBy(() -> codec.decode(null, WireJson.parse("{\"data\":{\"stuffs\":[]}}")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("INVALID_INPUT: field 'input': is required");
    }

    // --- text ---

    @Test
    void emptyChoicesAreMalformed() {
        assertMalformed(
                InstillTask.TEXT_GENERATION,
                null,
                "{\"data\":{\"choices\":[]}}",
                "data.choices: expected at least one element, got an empty array");
    }

    @Test
    void missingChoicesAreMalformed() {
        assertMalformed(
                InstillTask.CHAT,
                null,
                "{\"data\":{}}",
                "data.choices: missing (expected an array)");
    }

    @Test
    void aCompletionWithoutContentIsMalformed() {
        assertMalformed(
                InstillTask.TEXT_GENERATION,
                null,
                "{\"data\":{\"choices\":[{\"finish-reason\":\"stop\"}]}}",
                "data.choices[0].content: missing (expected a string)");
    }

    @Test
    void aChatChoiceWithoutMessageIsMalformed() {
        assertMalformed(
                InstillTask.CHAT,
                null,
                "{\"data\":{\"choices\":[{\"finish-reason\":\"stop\",\"content\":\"Hi\"}]}}",
                "data.choices[0].message: missing (expected an object)");
    }

    @Test
    void aChoiceWithoutFinishReasonIsMalformed() {
        assertMalformed(
                InstillTask.TEXT_GENERATION_CHAT,
                null,
                "{\"data\":{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"Hi\"}}]}}",
                "data.choices[0].finish-reason: missing (expected a string)");
    }

    @Test
    void aNonIntegralTokenCountIsMalformed() {
        assertMalformed(
                InstillTask.TEXT_GENERATION,
                null,
                "{\"data\":{\"choices\":[{\"finish-reason\":\"stop\","
                        + "\"content\":\"Hi\"}]},\"metadata\":{\"usage\":{\"prompt-tokens\":1,"
                        + "\"completion-tokens\":2,\"total-tokens\":3.5}}}",
                "metadata.usage.total-tokens: expected an integer, got 3.5");
    }

    @Test
    void aUsageWithoutPromptTokensIsMalformed() {
        assertMalformed(
                InstillTask.CHAT,
                null,
                "{\"data\":{\"choices\":[{\"finish-reason\":\"stop\","
                        + "\"message\":{\"content\":\"Hi\"}}]},\"metadata\":{\"usage\":{}}}",
                "metadata.usage.prompt-tokens: missing (expected an integer)");
    }

    // --- text to image ---

    @Test
    void noGeneratedImagesIsMalformed() {
        assertMalformed(
                InstillTask.TEXT_TO_IMAGE,
                null,
                "{\"data\":{\"choices\":[]}}",
                "data.choices: expected at least one element, got an empty array");
    }

    @Test
    void aGeneratedImageThatIsNotBase64IsMalformed() {
        assertMalformed(
                InstillTask.TEXT_TO_IMAGE,
                null,
                "{\"data\":{\"choices\":[{\"image\":\""
                        + ImageSamples.JPEG_BASE64
                        + "\"},{\"image\":\"data:image/jpeg;base64,@@@\"}]}}",
                "data.choices[1].image: not valid base64");
    }

    @Test
    void anEmptyGeneratedImageIsMalformed() {
        assertMalformed(
                InstillTask.TEXT_TO_IMAGE,
                null,
                "{\"data\":{\"choices\":[{\"image\":\"\"}]}}",
                "data.choices[0].image: expected an image, got an empty string");
    }

    @Test
    void aGeneratedImageThatIsNotAStringIsMalformed() {
        assertMalformed(
                InstillTask.TEXT_TO_IMAGE,
                null,
                "{\"data\":{\"choices\":[{\"image\":[1]}]}}",
                "data.choices[0].image: expected a string, got array");
    }

    // --- embedding ---

    @Test
    void fewerEmbeddingsThanItemsIsMalformed() {
        assertMalformed(
                InstillTask.EMBEDDING,
                TWO_ITEMS,
                "{\"data\":{\"embeddings\":[{\"index\":0,\"vector\":[1]}]}}",
                "data.embeddings: expected 2 embeddings (one per item sent), got 1");
    }

    @Test
    void aNonIntegralEmbeddingIndexIsMalformed() {
        assertMalformed(
                InstillTask.EMBEDDING,
                TWO_ITEMS,
                "{\"data\":{\"embeddings\":["
                        + "{\"index\":0.5,\"vector\":[1]},{\"index\":1,\"vector\":[1]}]}}",
                "data.embeddings[0].index: expected an integer, got 0.5");
    }

    @Test
    void anEmbeddingIndexOutOfRangeIsMalformed() {
        assertMalformed(
                InstillTask.EMBEDDING,
                TWO_ITEMS,
                "{\"data\":{\"embeddings\":["
                        + "{\"index\":0,\"vector\":[1]},{\"index\":2,\"vector\":[1]}]}}",
                "data.embeddings[1].index: expected an index from 0 to 1, got 2");
    }

    @Test
    void aDuplicateEmbeddingIndexIsMalformed() {
        assertMalformed(
                InstillTask.EMBEDDING,
                TWO_ITEMS,
                "{\"data\":{\"embeddings\":["
                        + "{\"index\":0,\"vector\":[1]},{\"index\":0,\"vector\":[1]}]}}",
                "data.embeddings[1].index: index 0 appears twice");
    }

    @Test
    void aVectorElementThatIsNotANumberIsMalformed() {
        assertMalformed(
                InstillTask.EMBEDDING,
                TWO_ITEMS,
                "{\"data\":{\"embeddings\":["
                        + "{\"index\":0,\"vector\":[1]},{\"index\":1,\"vector\":[1,2,\"3\"]}]}}",
                "data.embeddings[1].vector[2]: expected a number, got string");
    }

    @Test
    void aVectorThatIsAStringIsMalformed() {
        assertMalformed(
                InstillTask.EMBEDDING,
                TWO_ITEMS,
                "{\"data\":{\"embeddings\":["
                        + "{\"index\":0,\"vector\":\"AAAA\"},{\"index\":1,\"vector\":[1]}]}}",
                "data.embeddings[0].vector: expected an array, got string");
    }
}
