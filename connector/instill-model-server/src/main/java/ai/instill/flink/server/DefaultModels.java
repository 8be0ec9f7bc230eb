package ai.instill.flink.server;

import ai.instill.flink.proto.common.task.v1alpha.Task;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The default catalogue of stand-in models (namespace {@code local}, version {@code v1}), one per
 * supported task.
 */
public final class DefaultModels {

    public static final String NAMESPACE = "local";
    public static final String VERSION = "v1";

    public static final String CLASSIFIER = "local/stand-in-classifier/v1";
    public static final String DETECTOR = "local/stand-in-detector/v1";
    public static final String KEYPOINT = "local/stand-in-keypoint/v1";
    public static final String OCR = "local/stand-in-ocr/v1";
    public static final String INSTANCE_SEGMENTER = "local/stand-in-instance-segmenter/v1";
    public static final String SEMANTIC_SEGMENTER = "local/stand-in-semantic-segmenter/v1";
    public static final String COMPLETION = "local/stand-in-completion/v1";

    /** Multimodal: accepts image parts in the user message. */
    public static final String CHAT = "local/stand-in-chat/v1";

    public static final String TEXT_TO_IMAGE = "local/stand-in-text-to-image/v1";
    public static final String EMBEDDER = "local/stand-in-embedder/v1";

    private DefaultModels() {}

    /** Every default model name ("namespace/model/version") with its task, in a fixed order. */
    public static Map<String, Task> all() {
        Map<String, Task> models = new LinkedHashMap<>();
        models.put(CLASSIFIER, Task.TASK_CLASSIFICATION);
        models.put(DETECTOR, Task.TASK_DETECTION);
        models.put(KEYPOINT, Task.TASK_KEYPOINT);
        models.put(OCR, Task.TASK_OCR);
        models.put(INSTANCE_SEGMENTER, Task.TASK_INSTANCE_SEGMENTATION);
        models.put(SEMANTIC_SEGMENTER, Task.TASK_SEMANTIC_SEGMENTATION);
        models.put(COMPLETION, Task.TASK_COMPLETION);
        models.put(CHAT, Task.TASK_CHAT);
        models.put(TEXT_TO_IMAGE, Task.TASK_TEXT_TO_IMAGE);
        models.put(EMBEDDER, Task.TASK_EMBEDDING);
        return models;
    }
}
