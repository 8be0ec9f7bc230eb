package ai.instill.flink.task;

import com.google.protobuf.Struct;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.flink.annotation.Internal;

/**
 * Everything the connector knows about one task, in one place: its input fields and how they make
 * the typed input, its positional arguments, its result fields (SQL columns, JSON keys, getters)
 * and how its input and result travel on the wire. The SQL schemas and rows, the Kafka job's JSON
 * and {@link TaskCodec} all read it; {@link TaskDescriptions#of} gives the description of a task.
 *
 * @param <I> the typed input
 * @param <R> the typed result
 */
@Internal
public final class TaskDescription<I extends TaskInput, R extends TaskResult> {
    private final InstillTask task;
    private final Class<I> inputType;
    private final List<InputField<?>> inputs;
    private final List<InputArgument> arguments;
    private final Function<InputValues, I> input;
    private final Class<R> resultType;
    private final List<ResultField<R>> results;
    private final BiFunction<I, InputLimits, Struct> encoder;
    private final BiFunction<I, InputLimits, WireInput> preparer;
    private final BiFunction<I, OutputObject, R> decoder;
    private final boolean decodeNeedsInput;
    private final Predicate<I> deterministic;

    private TaskDescription(Builder<I, R> builder) {
        this.task = builder.task;
        this.inputType = builder.inputType;
        this.inputs = List.copyOf(builder.inputs);
        this.arguments = List.copyOf(builder.arguments);
        this.input = Objects.requireNonNull(builder.input, "input");
        this.resultType = builder.resultType;
        this.results = List.copyOf(builder.results);
        this.encoder = Objects.requireNonNull(builder.encoder, "encoder");
        this.preparer =
                builder.preparer != null
                        ? builder.preparer
                        : (in, limits) -> WireInput.kept(encoder.apply(in, limits));
        this.decoder = Objects.requireNonNull(builder.decoder, "decoder");
        this.decodeNeedsInput = builder.decodeNeedsInput;
        this.deterministic = builder.deterministic;
        for (InputArgument argument : arguments) {
            if (!inputs.contains(argument.field())) {
                throw new IllegalArgumentException(
                        task + ": argument " + argument.name() + " feeds an unknown field");
            }
        }
        if (inputs.stream().map(InputField::name).distinct().count() != inputs.size()) {
            throw new IllegalArgumentException(task + ": two input fields share a name");
        }
        if (results.isEmpty()) {
            throw new IllegalArgumentException(task + ": no result field");
        }
    }

    static <I extends TaskInput, R extends TaskResult> Builder<I, R> builder(
            InstillTask task, Class<I> inputType, Class<R> resultType) {
        return new Builder<>(task, inputType, resultType);
    }

    public InstillTask task() {
        return task;
    }

    /** The typed input this task takes. */
    public Class<I> inputType() {
        return inputType;
    }

    /** The input fields, in the order the surfaces list and read them. */
    public List<InputField<?>> inputs() {
        return inputs;
    }

    /**
     * The inputs of a function call by position, after model name and task (SQL's {@code
     * INSTILL_PREDICT}); a call may leave out trailing ones.
     */
    public List<InputArgument> arguments() {
        return arguments;
    }

    /**
     * Builds the typed input from the fields' values; fields without a value are unset. It does not
     * validate: {@link TaskCodec} does when it encodes.
     */
    public I input(InputValues values) {
        return input.apply(values);
    }

    /** The typed result this task gives. */
    public Class<R> resultType() {
        return resultType;
    }

    /** The result fields, in the order of the SQL columns and of the JSON keys. */
    public List<ResultField<R>> results() {
        return results;
    }

    Struct encode(I in, InputLimits limits) {
        return encoder.apply(in, limits);
    }

    WireInput prepare(I in, InputLimits limits) {
        return preparer.apply(in, limits);
    }

    /** {@code in} is {@code null} unless {@link #decodeNeedsInput()}. */
    R decode(I in, OutputObject root) {
        return decoder.apply(in, root);
    }

    boolean decodeNeedsInput() {
        return decodeNeedsInput;
    }

    /** Whether the model gives the same answer each time it is asked {@code in}. */
    boolean deterministic(I in) {
        return deterministic.test(in);
    }

    @Override
    public String toString() {
        return "TaskDescription[" + task + ": " + inputs + " -> " + results + "]";
    }

    /** Assembles a description; used by {@link TaskDescriptions} only. */
    static final class Builder<I extends TaskInput, R extends TaskResult> {
        private final InstillTask task;
        private final Class<I> inputType;
        private final Class<R> resultType;
        private final List<InputField<?>> inputs = new ArrayList<>();
        private final List<InputArgument> arguments = new ArrayList<>();
        private final List<ResultField<R>> results = new ArrayList<>();
        private Function<InputValues, I> input;
        private BiFunction<I, InputLimits, Struct> encoder;
        private BiFunction<I, InputLimits, WireInput> preparer;
        private BiFunction<I, OutputObject, R> decoder;
        private boolean decodeNeedsInput;
        private Predicate<I> deterministic = in -> true;

        private Builder(InstillTask task, Class<I> inputType, Class<R> resultType) {
            this.task = Objects.requireNonNull(task, "task");
            this.inputType = Objects.requireNonNull(inputType, "inputType");
            this.resultType = Objects.requireNonNull(resultType, "resultType");
        }

        Builder<I, R> inputs(InputField<?>... fields) {
            inputs.addAll(List.of(fields));
            return this;
        }

        /** The positional arguments; without a call, every SQL column field by its own name. */
        Builder<I, R> arguments(InputArgument... positional) {
            arguments.addAll(List.of(positional));
            return this;
        }

        Builder<I, R> input(Function<InputValues, I> build) {
            this.input = build;
            return this;
        }

        Builder<I, R> results(List<ResultField<R>> fields) {
            results.addAll(fields);
            return this;
        }

        Builder<I, R> encoder(BiFunction<I, InputLimits, Struct> encode) {
            this.encoder = encode;
            return this;
        }

        /** How an input is readied for sending; by default encoded once and kept. */
        Builder<I, R> preparer(BiFunction<I, InputLimits, WireInput> prepare) {
            this.preparer = prepare;
            return this;
        }

        Builder<I, R> decoder(Function<OutputObject, R> decode) {
            this.decoder = (in, root) -> decode.apply(root);
            return this;
        }

        /** A decoder that reads the input it answers (its image size, its item count). */
        Builder<I, R> decoderOfInput(BiFunction<I, OutputObject, R> decode) {
            this.decoder = decode;
            this.decodeNeedsInput = true;
            return this;
        }

        /**
         * When the model answers an input the same way each time (by default always: vision and
         * embedding models are functions of their input; sampling models only with their sampling
         * pinned).
         */
        Builder<I, R> deterministicWhen(Predicate<I> test) {
            this.deterministic = test;
            return this;
        }

        TaskDescription<I, R> build() {
            if (arguments.isEmpty()) {
                inputs.stream()
                        .filter(InputField::isSqlColumn)
                        .forEach(f -> arguments.add(InputArgument.of(f)));
            }
            return new TaskDescription<>(this);
        }
    }
}
