package ai.instill.flink.task;

import org.apache.flink.annotation.PublicEvolving;

/**
 * The task a model on Instill Model serves, with its number on the wire ({@code
 * common.task.v1alpha.Task}).
 */
@PublicEvolving
public enum ModelTask {
    UNSPECIFIED(0),
    CLASSIFICATION(1),
    DETECTION(2),
    KEYPOINT(3),
    OCR(4),
    INSTANCE_SEGMENTATION(5),
    SEMANTIC_SEGMENTATION(6),
    TEXT_TO_IMAGE(7),
    IMAGE_TO_IMAGE(11),
    EMBEDDING(12),
    SPEECH_RECOGNITION(13),
    CHAT(14),
    COMPLETION(15),
    CUSTOM(16);

    private final int number;

    ModelTask(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    /**
     * The task with this wire number, or {@link #UNSPECIFIED} for a number this connector does not
     * know.
     */
    public static ModelTask forNumber(int number) {
        for (ModelTask task : values()) {
            if (task.number == number) {
                return task;
            }
        }
        return UNSPECIFIED;
    }
}
