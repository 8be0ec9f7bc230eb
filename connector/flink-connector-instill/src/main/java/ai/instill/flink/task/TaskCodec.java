package ai.instill.flink.task;

import ai.instill.flink.error.InvalidInputException;
import com.google.protobuf.Struct;
import java.io.Serializable;
import java.util.Objects;
import org.apache.flink.annotation.Internal;

/**
 * Translates between one task's typed inputs and results and the {@code google.protobuf.Struct}
 * task inputs and outputs on the wire, following the mapping of the Instill Model component.
 */
@Internal
public final class TaskCodec implements Serializable {
    private static final long serialVersionUID = 1L;

    private final InstillTask task;
    private final InputLimits limits;

    private TaskCodec(InstillTask task, InputLimits limits) {
        this.task = Objects.requireNonNull(task, "task");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public static TaskCodec of(InstillTask task, InputLimits limits) {
        return new TaskCodec(task, limits);
    }

    public InstillTask task() {
        return task;
    }

    public InputLimits limits() {
        return limits;
    }

    /** The input type this task accepts. */
    public Class<? extends TaskInput> inputType() {
        switch (task) {
            case TEXT_GENERATION:
                return TextGenerationInput.class;
            case TEXT_GENERATION_CHAT:
            case VISUAL_QUESTION_ANSWERING:
            case CHAT:
                return ChatInput.class;
            case TEXT_TO_IMAGE:
                return TextToImageInput.class;
            case EMBEDDING:
                return EmbeddingInput.class;
            default:
                return ImageInput.class;
        }
    }

    /**
     * Validates and encodes one input as a task_input Struct {"data": {...}, "parameter": {...}}.
     */
    public Struct encode(TaskInput input) {
        switch (task) {
            case TEXT_GENERATION:
                return TextGenerationEncoder.encode(expect(input, TextGenerationInput.class));
            case TEXT_GENERATION_CHAT:
            case VISUAL_QUESTION_ANSWERING:
            case CHAT:
                return ChatEncoder.encode(expect(input, ChatInput.class), limits);
            case TEXT_TO_IMAGE:
                return TextToImageEncoder.encode(expect(input, TextToImageInput.class));
            case EMBEDDING:
                return EmbeddingEncoder.encode(expect(input, EmbeddingInput.class), limits);
            default:
                return VisionEncoder.encode(
                        expect(input, ImageInput.class),
                        limits,
                        task == InstillTask.SEMANTIC_SEGMENTATION);
        }
    }

    /**
     * Validates one input as {@link #encode} does and readies it for sending. An image-only input
     * (the vision tasks) is encoded at each send rather than now, so that a record waiting or in
     * flight holds its image once and not also its base64 (4/3 of it again); every other input,
     * mostly text, is encoded now and its wire form kept.
     */
    public WireInput prepare(TaskInput input) {
        if (inputType() != ImageInput.class) {
            return WireInput.kept(encode(input));
        }
        Image image =
                VisionEncoder.check(
                        expect(input, ImageInput.class),
                        limits,
                        task == InstillTask.SEMANTIC_SEGMENTATION);
        return WireInput.builtAtSend(
                () -> VisionEncoder.wire(image), VisionEncoder.wireSize(image));
    }

    /**
     * Whether {@link #decode} reads the input it answers (semantic masks need the image size,
     * embeddings the item count). When it does not, a caller need not keep the input, which for an
     * image is its whole file, until the answer comes.
     */
    public boolean decodeNeedsInput() {
        return task == InstillTask.SEMANTIC_SEGMENTATION || task == InstillTask.EMBEDDING;
    }

    /**
     * Decodes one task_output Struct into the typed result; {@code input} is the input it answers
     * (semantic masks need its image size, embeddings its item count; other tasks ignore it and
     * accept {@code null}).
     */
    public TaskResult decode(TaskInput input, Struct output) {
        OutputObject root = OutputObject.root(output);
        switch (task) {
            case CLASSIFICATION:
                return VisionDecoder.classification(root.object("data"));
            case DETECTION:
                return VisionDecoder.detection(root.object("data"));
            case KEYPOINT:
                return VisionDecoder.keypoint(root.object("data"));
            case OCR:
                return VisionDecoder.ocr(root.object("data"));
            case INSTANCE_SEGMENTATION:
                return VisionDecoder.instanceSegmentation(root.object("data"));
            case SEMANTIC_SEGMENTATION:
                ImageDimensions size =
                        InputChecks.dimensions(
                                expect(input, ImageInput.class).image(), VisionEncoder.FIELD);
                return VisionDecoder.semanticSegmentation(root.object("data"), size);
            case TEXT_GENERATION:
                return TextDecoder.completion(root);
            case TEXT_GENERATION_CHAT:
            case VISUAL_QUESTION_ANSWERING:
            case CHAT:
                return TextDecoder.chat(root);
            case TEXT_TO_IMAGE:
                return TextToImageDecoder.decode(root);
            case EMBEDDING:
                return EmbeddingDecoder.decode(
                        root, expect(input, EmbeddingInput.class).items().size());
            default:
                throw new IllegalStateException("no decoder for " + task);
        }
    }

    private <T extends TaskInput> T expect(TaskInput input, Class<T> type) {
        if (input == null) {
            throw new InvalidInputException("input", "is required");
        }
        if (!type.isInstance(input)) {
            throw new InvalidInputException(
                    "input",
                    "task "
                            + task.componentId()
                            + " takes input type "
                            + type.getSimpleName()
                            + ", got "
                            + input.getClass().getSimpleName());
        }
        return type.cast(input);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TaskCodec other && task == other.task && limits.equals(other.limits);
    }

    @Override
    public int hashCode() {
        return 31 * task.hashCode() + limits.hashCode();
    }

    @Override
    public String toString() {
        return "TaskCodec[" + task.componentId() + ", " + limits + "]";
    }
}
