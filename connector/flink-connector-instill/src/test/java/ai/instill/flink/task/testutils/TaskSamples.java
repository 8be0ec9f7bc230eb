package ai.instill.flink.task.testutils;

import ai.instill.flink.task.BinaryMask;
import ai.instill.flink.task.BoundingBox;
import ai.instill.flink.task.ChatInput;
import ai.instill.flink.task.ChatMessage;
import ai.instill.flink.task.ClassificationResult;
import ai.instill.flink.task.DetectedObject;
import ai.instill.flink.task.DetectionResult;
import ai.instill.flink.task.Embedding;
import ai.instill.flink.task.EmbeddingInput;
import ai.instill.flink.task.EmbeddingItem;
import ai.instill.flink.task.EmbeddingResult;
import ai.instill.flink.task.Image;
import ai.instill.flink.task.ImageInput;
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
import ai.instill.flink.task.TaskInput;
import ai.instill.flink.task.TaskResult;
import ai.instill.flink.task.TextGenerationInput;
import ai.instill.flink.task.TextResult;
import ai.instill.flink.task.TextToImageInput;
import ai.instill.flink.task.TextToImageResult;
import ai.instill.flink.task.Usage;
import java.util.Base64;
import java.util.List;

/** One small typed input and one typed result per task, with every field set. */
public final class TaskSamples {

    /** A real 4 × 2 PNG. */
    public static final String PNG_BASE64 =
            "iVBORw0KGgoAAAANSUhEUgAAAAQAAAACCAIAAADwyuo0AAAADUlEQVR4XmP4z4ADAAAZAQEAjYJE6AAAAABJRU5ErkJggg==";

    public static final byte[] PNG = Base64.getDecoder().decode(PNG_BASE64);

    private TaskSamples() {}

    public static Image image() {
        return Image.ofBytes(PNG);
    }

    /** An input of the task with every optional field set. */
    public static TaskInput input(InstillTask task) {
        return switch (task) {
            case CLASSIFICATION,
                    DETECTION,
                    KEYPOINT,
                    OCR,
                    INSTANCE_SEGMENTATION,
                    SEMANTIC_SEGMENTATION ->
                    ImageInput.of(image());
            case TEXT_GENERATION ->
                    TextGenerationInput.builder()
                            .prompt("hi")
                            .systemMessage("be brief")
                            .maxNewTokens(8)
                            .temperature(0.5)
                            .seed(7L)
                            .build();
            case TEXT_GENERATION_CHAT, VISUAL_QUESTION_ANSWERING, CHAT ->
                    ChatInput.builder()
                            .prompt("and now?")
                            .systemMessage("be brief")
                            .addPromptImage(image())
                            .chatHistory(ChatMessage.user("hello"), ChatMessage.assistant("hi"))
                            .maxNewTokens(8)
                            .temperature(0.5)
                            .seed(7L)
                            .build();
            case TEXT_TO_IMAGE ->
                    TextToImageInput.builder()
                            .prompt("a fox")
                            .samples(2)
                            .seed(7L)
                            .negativePrompt("blur")
                            .aspectRatio("16:9")
                            .build();
            case EMBEDDING ->
                    EmbeddingInput.builder()
                            .items(EmbeddingItem.text("a cat"), EmbeddingItem.image(image()))
                            .dimensions(2)
                            .build();
        };
    }

    /** A result of the task with every field set and at least one element in each list. */
    public static TaskResult result(InstillTask task) {
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
                                            "cat",
                                            0.9,
                                            new BoundingBox(0, 0, 4, 3),
                                            BinaryMask.fromRows("0110", "0110", "1000").toRle())));
            case SEMANTIC_SEGMENTATION ->
                    new SemanticSegmentationResult(
                            2,
                            4,
                            List.of(
                                    new Stuff("sky", BinaryMask.fromRows("1111", "0000").toRle()),
                                    new Stuff(
                                            "road", BinaryMask.fromRows("0000", "1111").toRle())));
            case TEXT_GENERATION, TEXT_GENERATION_CHAT, VISUAL_QUESTION_ANSWERING, CHAT ->
                    new TextResult("hello", "stop", new Usage(3, 1, 4));
            case TEXT_TO_IMAGE -> new TextToImageResult(List.of(image()));
            case EMBEDDING ->
                    new EmbeddingResult(
                            List.of(
                                    new Embedding(0, new float[] {1f, 2f}),
                                    new Embedding(1, new float[] {3f, 4f})));
        };
    }
}
