package ai.instill.flink.examples.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import ai.instill.flink.task.BoundingBox;
import ai.instill.flink.task.ClassificationResult;
import ai.instill.flink.task.DetectedObject;
import ai.instill.flink.task.DetectionResult;
import ai.instill.flink.task.Embedding;
import ai.instill.flink.task.EmbeddingResult;
import ai.instill.flink.task.Image;
import ai.instill.flink.task.InstanceObject;
import ai.instill.flink.task.InstanceSegmentationResult;
import ai.instill.flink.task.InstillTask;
import ai.instill.flink.task.Keypoint;
import ai.instill.flink.task.KeypointObject;
import ai.instill.flink.task.KeypointResult;
import ai.instill.flink.task.OcrObject;
import ai.instill.flink.task.OcrResult;
import ai.instill.flink.task.SemanticSegmentationResult;
import ai.instill.flink.task.Stuff;
import ai.instill.flink.task.TaskResult;
import ai.instill.flink.task.TextResult;
import ai.instill.flink.task.TextToImageResult;
import ai.instill.flink.task.Usage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Typed results as the JSON of the output records, for every task. */
class ResultJsonTest {

    private static final String PNG_BASE64 =
            "iVBORw0KGgoAAAANSUhEUgAAAAQAAAACCAIAAADwyuo0AAAADUlEQVR4XmP4z4ADAAAZAQEAjYJE6AAAAABJRU5ErkJggg==";

    private static final String TEXT_JSON =
            "{\"text\":\"hello\",\"finish-reason\":\"stop\",\"usage\":{\"prompt-tokens\":3,"
                    + "\"completion-tokens\":1,\"total-tokens\":4}}";

    @ParameterizedTest
    @EnumSource(InstillTask.class)
    void everyTasksResultUsesTheComponentsKeyNames(InstillTask task) {
        String expected =
                switch (task) {
                    case CLASSIFICATION -> "{\"category\":\"cat\",\"score\":0.75}";
                    case DETECTION ->
                            "{\"objects\":[{\"category\":\"dog\",\"score\":0.5,\"bounding-box\":"
                                    + "{\"left\":1.0,\"top\":2.0,\"width\":3.0,\"height\":4.0}}]}";
                    case KEYPOINT ->
                            "{\"objects\":[{\"score\":0.9,\"bounding-box\":{\"left\":0.0,"
                                    + "\"top\":1.0,\"width\":4.0,\"height\":3.0},\"keypoints\":"
                                    + "[{\"x\":1.0,\"y\":2.0,\"v\":0.5},{\"x\":3.0,\"y\":1.0,"
                                    + "\"v\":1.0}]}]}";
                    case OCR ->
                            "{\"objects\":[{\"text\":\"STOP\",\"score\":0.8,\"bounding-box\":"
                                    + "{\"left\":5.0,\"top\":6.0,\"width\":7.0,\"height\":8.0}}]}";
                    case INSTANCE_SEGMENTATION ->
                            "{\"objects\":[{\"category\":\"cat\",\"score\":0.9,"
                                    + "\"bounding-box\":{\"left\":0.0,\"top\":0.0,\"width\":4.0,"
                                    + "\"height\":3.0},\"rle\":\"2,3,1,2,4\"}]}";
                    case SEMANTIC_SEGMENTATION ->
                            "{\"stuffs\":[{\"category\":\"sky\",\"rle\":\"0,1,1,1,1,1,1,1,1\"},"
                                    + "{\"category\":\"road\",\"rle\":\"1,1,1,1,1,1,1,1\"}]}";
                    case TEXT_GENERATION, TEXT_GENERATION_CHAT, VISUAL_QUESTION_ANSWERING, CHAT ->
                            TEXT_JSON;
                    case TEXT_TO_IMAGE ->
                            "{\"images\":[\"data:image/png;base64," + PNG_BASE64 + "\"]}";
                    case EMBEDDING ->
                            "{\"embeddings\":[{\"index\":0,\"vector\":[1.0,2.0]},"
                                    + "{\"index\":1,\"vector\":[3.0,4.0]}]}";
                };
        assertThat(ResultJson.of(result(task)).toString()).isEqualTo(expected);
    }

    @Test
    void absentValuesAreNullOrLeftOutAsTheComponentDoes() {
        assertThat(ResultJson.of(new TextResult(null, null, null)).toString())
                .isEqualTo("{\"text\":null}");
        assertThat(ResultJson.of(new ClassificationResult(null, 0)).toString())
                .isEqualTo("{\"category\":null,\"score\":0.0}");
        assertThat(ResultJson.of(new EmbeddingResult(List.of())).toString())
                .isEqualTo("{\"embeddings\":[]}");
    }

    private static TaskResult result(InstillTask task) {
        return switch (task) {
            case CLASSIFICATION -> new ClassificationResult("cat", 0.75);
            case DETECTION ->
                    new DetectionResult(
                            List.of(new DetectedObject("dog", 0.5, new BoundingBox(1, 2, 3, 4))));
            case KEYPOINT ->
                    new KeypointResult(
                            List.of(
                                    new KeypointObject(
                                            0.9,
                                            new BoundingBox(0, 1, 4, 3),
                                            List.of(
                                                    new Keypoint(1, 2, 0.5),
                                                    new Keypoint(3, 1, 1)))));
            case OCR ->
                    new OcrResult(List.of(new OcrObject("STOP", 0.8, new BoundingBox(5, 6, 7, 8))));
            case INSTANCE_SEGMENTATION ->
                    new InstanceSegmentationResult(
                            List.of(
                                    new InstanceObject(
                                            "cat", 0.9, new BoundingBox(0, 0, 4, 3), "2,3,1,2,4")));
            case SEMANTIC_SEGMENTATION ->
                    new SemanticSegmentationResult(
                            2,
                            4,
                            List.of(
                                    new Stuff("sky", "0,1,1,1,1,1,1,1,1"),
                                    new Stuff("road", "1,1,1,1,1,1,1,1")));
            case TEXT_GENERATION, TEXT_GENERATION_CHAT, VISUAL_QUESTION_ANSWERING, CHAT ->
                    new TextResult("hello", "stop", new Usage(3, 1, 4));
            case TEXT_TO_IMAGE -> new TextToImageResult(List.of(Image.ofBase64(PNG_BASE64)));
            case EMBEDDING ->
                    new EmbeddingResult(
                            List.of(
                                    new Embedding(0, new float[] {1f, 2f}),
                                    new Embedding(1, new float[] {3f, 4f})));
        };
    }

    @Test
    void detectionUsesTheComponentsKeyNames() {
        DetectionResult result =
                new DetectionResult(
                        List.of(new DetectedObject("dog", 0.9, new BoundingBox(1, 2, 3, 4))));
        assertThat(ResultJson.of(result).toString())
                .isEqualTo(
                        "{\"objects\":[{\"category\":\"dog\",\"score\":0.9,"
                            + "\"bounding-box\":{\"left\":1.0,\"top\":2.0,\"width\":3.0,\"height\":4.0}}]}");
    }

    @Test
    void textCarriesTheFinishReasonAndUsage() {
        TextResult result = new TextResult("hello", "stop", new Usage(3, 1, 4));
        assertThat(ResultJson.of(result).toString())
                .isEqualTo(
                        "{\"text\":\"hello\",\"finish-reason\":\"stop\","
                            + "\"usage\":{\"prompt-tokens\":3,\"completion-tokens\":1,\"total-tokens\":4}}");
    }

    @Test
    void generatedImagesBecomeDataUris() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0};
        assertThat(
                        ResultJson.of(new TextToImageResult(List.of(Image.ofBytes(png))))
                                .get("images")
                                .get(0)
                                .asText())
                .startsWith("data:image/png;base64,");
    }
}
