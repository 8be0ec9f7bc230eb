package ai.instill.flink.server.models;

import ai.instill.flink.proto.common.task.v1alpha.Task;

/** Picks the default stand-in model for a task. */
public final class StandInModels {

    private StandInModels() {}

    /** True when a stand-in exists for the task. */
    public static boolean supports(Task task) {
        return switch (task) {
            case TASK_CLASSIFICATION,
                    TASK_DETECTION,
                    TASK_KEYPOINT,
                    TASK_OCR,
                    TASK_INSTANCE_SEGMENTATION,
                    TASK_SEMANTIC_SEGMENTATION,
                    TASK_COMPLETION,
                    TASK_CHAT,
                    TASK_TEXT_TO_IMAGE,
                    TASK_EMBEDDING ->
                    true;
            default -> false;
        };
    }

    /**
     * The stand-in for a task.
     *
     * @throws IllegalArgumentException for tasks without a stand-in (e.g. TASK_CUSTOM,
     *     TASK_SPEECH_RECOGNITION)
     */
    public static StandInModel forTask(Task task) {
        return switch (task) {
            case TASK_CLASSIFICATION -> new ClassificationStandIn();
            case TASK_DETECTION -> new DetectionStandIn();
            case TASK_KEYPOINT -> new KeypointStandIn();
            case TASK_OCR -> new OcrStandIn();
            case TASK_INSTANCE_SEGMENTATION -> new InstanceSegmentationStandIn();
            case TASK_SEMANTIC_SEGMENTATION -> new SemanticSegmentationStandIn();
            case TASK_COMPLETION -> new CompletionStandIn();
            case TASK_CHAT -> new ChatStandIn();
            case TASK_TEXT_TO_IMAGE -> new TextToImageStandIn();
            case TASK_EMBEDDING -> new EmbeddingStandIn();
            default -> throw new IllegalArgumentException("there is no stand-in model for " + task);
        };
    }
}
