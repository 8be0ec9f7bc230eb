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
        return TaskDescriptions.of(task).inputType();
    }

    /**
     * Validates and encodes one input as a task_input Struct {"data": {...}, "parameter": {...}}.
     */
    public Struct encode(TaskInput input) {
        return encode(TaskDescriptions.of(task), input);
    }

    private <I extends TaskInput> Struct encode(
            TaskDescription<I, ?> description, TaskInput input) {
        return description.encode(expect(input, description.inputType()), limits);
    }

    /**
     * Validates one input as {@link #encode} does and readies it for sending. An image-only input
     * (the vision tasks) is encoded at each send rather than now, so that a record waiting or in
     * flight holds its image once and not also its base64 (4/3 of it again); every other input,
     * mostly text, is encoded now and its wire form kept.
     */
    public WireInput prepare(TaskInput input) {
        return prepare(TaskDescriptions.of(task), input);
    }

    private <I extends TaskInput> WireInput prepare(
            TaskDescription<I, ?> description, TaskInput input) {
        return description.prepare(expect(input, description.inputType()), limits);
    }

    /**
     * Whether the model answers {@code input} the same way each time: always for the vision and
     * embedding tasks; for the generation tasks only when sampling is pinned (a seed, or a
     * temperature of 0 for text), and for text to image with a seed and one sample.
     */
    public boolean deterministic(TaskInput input) {
        return deterministic(TaskDescriptions.of(task), input);
    }

    private <I extends TaskInput> boolean deterministic(
            TaskDescription<I, ?> description, TaskInput input) {
        return description.deterministic(expect(input, description.inputType()));
    }

    /**
     * Whether {@link #decode} reads the input it answers (semantic masks need the image size,
     * embeddings the item count). When it does not, a caller need not keep the input, which for an
     * image is its whole file, until the answer comes.
     */
    public boolean decodeNeedsInput() {
        return TaskDescriptions.of(task).decodeNeedsInput();
    }

    /**
     * Decodes one task_output Struct into the typed result; {@code input} is the input it answers
     * (semantic masks need its image size, embeddings its item count; other tasks ignore it and
     * accept {@code null}).
     */
    public TaskResult decode(TaskInput input, Struct output) {
        return decode(TaskDescriptions.of(task), input, output);
    }

    private <I extends TaskInput> TaskResult decode(
            TaskDescription<I, ?> description, TaskInput input, Struct output) {
        OutputObject root = OutputObject.root(output);
        I answered = description.decodeNeedsInput() ? expect(input, description.inputType()) : null;
        return description.decode(answered, root);
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
