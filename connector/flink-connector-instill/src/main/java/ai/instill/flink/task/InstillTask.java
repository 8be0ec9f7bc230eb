package ai.instill.flink.task;

import static org.apache.flink.configuration.description.TextElement.text;

import java.util.Locale;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.DescribedEnum;
import org.apache.flink.configuration.description.InlineElement;

/**
 * The tasks of the Instill Model component, each with the model-side task that must serve it (text
 * generation runs on a completion model; chat, text generation chat and visual question answering
 * run on a chat model).
 */
@PublicEvolving
public enum InstillTask implements DescribedEnum {
    CLASSIFICATION(ModelTask.CLASSIFICATION, "Classify an image into one category with a score."),
    DETECTION(ModelTask.DETECTION, "Detect and localise objects in an image."),
    KEYPOINT(ModelTask.KEYPOINT, "Detect objects and their keypoints in an image."),
    OCR(ModelTask.OCR, "Detect and recognise text in an image."),
    INSTANCE_SEGMENTATION(
            ModelTask.INSTANCE_SEGMENTATION,
            "Detect objects with a mask inside each bounding box."),
    SEMANTIC_SEGMENTATION(
            ModelTask.SEMANTIC_SEGMENTATION, "Label every pixel of an image with a category."),
    TEXT_GENERATION(
            ModelTask.COMPLETION, "Generate text from a prompt (served by a completion model)."),
    TEXT_GENERATION_CHAT(
            ModelTask.CHAT, "Generate text from a prompt, images and chat history (chat model)."),
    TEXT_TO_IMAGE(ModelTask.TEXT_TO_IMAGE, "Generate images from a prompt."),
    VISUAL_QUESTION_ANSWERING(
            ModelTask.CHAT, "Answer a question about images (multimodal chat model)."),
    CHAT(ModelTask.CHAT, "Answer a conversation (chat model)."),
    EMBEDDING(ModelTask.EMBEDDING, "Turn texts or images into vectors.");

    private final ModelTask modelTask;
    private final String description;

    InstillTask(ModelTask modelTask, String description) {
        this.modelTask = modelTask;
        this.description = description;
    }

    /** The component's task id, for example {@code TASK_TEXT_GENERATION}. */
    public String componentId() {
        return "TASK_" + name();
    }

    /** The task the model behind this component task must serve. */
    public ModelTask modelTask() {
        return modelTask;
    }

    /**
     * Parses a task as users write it: the component id ({@code TASK_OCR}), the enum name ({@code
     * OCR}) or kebab case ({@code text-generation-chat}), in any letter case.
     */
    public static InstillTask parse(String text) {
        String name = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        if (name.startsWith("TASK_")) {
            name = name.substring("TASK_".length());
        }
        try {
            return valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "Unknown task '"
                            + text
                            + "'; expected one of "
                            + java.util.Arrays.toString(values()),
                    e);
        }
    }

    @Override
    public InlineElement getDescription() {
        return text(description);
    }
}
