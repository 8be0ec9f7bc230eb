package ai.instill.flink;

import ai.instill.flink.config.FailurePolicy;
import ai.instill.flink.config.FlinkLines;
import ai.instill.flink.config.InstillOptions;
import ai.instill.flink.config.OutputMode;
import ai.instill.flink.engine.InstillSettings;
import ai.instill.flink.task.InstillTask;
import java.io.Serializable;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.OutputTag;

/**
 * The DataStream entry point: enriches every record of a stream with a model's typed result, with
 * bounded concurrency, backpressure, micro-batching, retries and a failure policy.
 *
 * <pre>{@code
 * InstillInference<Photo, Enriched<Photo>> detect = InstillInference.<Photo>builder()
 *         .endpoint("localhost:8080")
 *         .modelName("acme/yolov7/v0.1.0")
 *         .task(InstillTask.DETECTION)
 *         .input(photo -> new ImageInput(Image.ofBytes(photo.jpeg())))
 *         .failurePolicy(FailurePolicy.DEAD_LETTER)
 *         .build();
 * SingleOutputStreamOperator<Enriched<Photo>> enriched = detect.applyTo(photos);
 * DataStream<DeadLetter<Photo>> failed = enriched.getSideOutput(detect.deadLetters());
 * }</pre>
 */
@PublicEvolving
public final class InstillInference<IN, OUT> implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * Extra time the async operator gives a record beyond its own timeout and the outage limit, so
     * the engine reports it first.
     */
    private static final Duration OPERATOR_TIMEOUT_GRACE = Duration.ofSeconds(5);

    private final InstillSettings settings;
    private final InputExtractor<IN> extractor;
    private final ModelSelector<IN> modelSelector;
    private final ResultCombiner<IN, OUT> combiner;
    private final TypeInformation<OUT> outputType;
    private final OutputTag<DeadLetter<IN>> deadLetters;

    private InstillInference(Builder<IN, OUT> builder, InstillSettings settings) {
        this.settings = settings;
        this.extractor = builder.extractor;
        this.modelSelector = builder.modelSelector;
        this.combiner = builder.combiner;
        this.outputType = builder.outputType;
        this.deadLetters = deadLetterTag(settings.task());
    }

    /**
     * Starts a builder whose output is the default {@link Enriched} pair, typed from the input
     * stream's type when applied.
     */
    public static <IN> Builder<IN, Enriched<IN>> builder() {
        return new Builder<>(Enriched::new, null);
    }

    /**
     * Applies the enrichment with {@link AsyncDataStream}: ordered or unordered as configured, with
     * the configured capacity (records in flight) and timeout. Dead letters are on {@link
     * #deadLetters()}.
     */
    public SingleOutputStreamOperator<OUT> applyTo(DataStream<IN> input) {
        return applyTo(input, null);
    }

    /**
     * As {@link #applyTo(DataStream)}, for jobs with several Instill operators of the same task:
     * {@code name} (for example the input topic) goes into the operators' uids, {@code
     * instill-<task>-<name>-inference} and {@code -results}, which must be unique in a job and
     * stable across savepoints. Null keeps the uids of {@link #applyTo(DataStream)}.
     */
    public SingleOutputStreamOperator<OUT> applyTo(DataStream<IN> input, String name) {
        int capacity = settings.engine().recordCapacity();
        // the engine holds records through an outage, up to its limit: the operator must not
        // time them out before that
        long timeoutMillis =
                settings.recordTimeout()
                        .plus(settings.engine().outageLimit())
                        .plus(OPERATOR_TIMEOUT_GRACE)
                        .toMillis();
        InstillModelAsyncFunction<IN, OUT> function = function();
        TypeInformation<OUT> output = outputType(input.getType());
        SingleOutputStreamOperator<InferenceOutcome<IN, OUT>> outcomes =
                settings.outputMode() == OutputMode.ORDERED
                        ? AsyncDataStream.orderedWait(
                                input, function, timeoutMillis, TimeUnit.MILLISECONDS, capacity)
                        : AsyncDataStream.unorderedWait(
                                input, function, timeoutMillis, TimeUnit.MILLISECONDS, capacity);
        String task = settings.task().name().toLowerCase(Locale.ROOT);
        String uid = name == null ? "instill-" + task : "instill-" + task + "-" + name;
        outcomes.returns(RecordTypes.outcome(output, input.getType()))
                .name("Instill " + task)
                .uid(uid + "-inference");
        return outcomes.process(new OutcomeRouter<>(deadLetters))
                .returns(output)
                .name("Instill " + task + " results")
                .uid(uid + "-results");
    }

    /**
     * The side output that carries dead letters when the failure policy is {@link
     * FailurePolicy#DEAD_LETTER}. Flink serializes their input with Kryo; use {@link
     * #deadLetters(TypeInformation)} to give it the input's own type (needed on Flink 1.20 when the
     * input is a Java record).
     */
    public OutputTag<DeadLetter<IN>> deadLetters() {
        return deadLetters;
    }

    /**
     * The same side output as {@link #deadLetters()}, with the input typed as {@code inputType}
     * (for example {@code input.getType()} of the stream given to {@link #applyTo}).
     */
    public OutputTag<DeadLetter<IN>> deadLetters(TypeInformation<IN> inputType) {
        return new OutputTag<>(deadLetters.getId(), RecordTypes.deadLetter(inputType));
    }

    /** The async function itself, for wiring {@link AsyncDataStream} by hand. */
    public InstillModelAsyncFunction<IN, OUT> function() {
        return new InstillModelAsyncFunction<>(settings, extractor, modelSelector, combiner);
    }

    /** The output's type: the builder's, or the default {@link Enriched} typed from the input. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private TypeInformation<OUT> outputType(TypeInformation<IN> inputType) {
        return outputType != null ? outputType : (TypeInformation) RecordTypes.enriched(inputType);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <IN> OutputTag<DeadLetter<IN>> deadLetterTag(InstillTask task) {
        return new OutputTag<>(
                "instill-dead-letters-" + task.name().toLowerCase(Locale.ROOT),
                (TypeInformation) TypeInformation.of(DeadLetter.class));
    }

    /**
     * Collects the options and functions of an {@link InstillInference}; {@link #build()} checks
     * them.
     */
    public static final class Builder<IN, OUT> {
        private final Configuration config = new Configuration();
        private final ResultCombiner<IN, OUT> combiner;
        private final TypeInformation<OUT> outputType;
        private InputExtractor<IN> extractor;
        private ModelSelector<IN> modelSelector;

        private Builder(ResultCombiner<IN, OUT> combiner, TypeInformation<OUT> outputType) {
            this.combiner = combiner;
            this.outputType = outputType;
        }

        public Builder<IN, OUT> endpoint(String endpoint) {
            return option(InstillOptions.ENDPOINT, endpoint);
        }

        public Builder<IN, OUT> modelName(String modelName) {
            return option(InstillOptions.MODEL_NAME, modelName);
        }

        public Builder<IN, OUT> task(InstillTask task) {
            return option(InstillOptions.TASK, task);
        }

        /** How to get the task input out of a record. */
        public Builder<IN, OUT> input(InputExtractor<IN> extractor) {
            this.extractor = extractor;
            return this;
        }

        /** Chooses the model per record instead of the fixed {@code model-name}. */
        public Builder<IN, OUT> modelPerRecord(ModelSelector<IN> selector) {
            this.modelSelector = selector;
            return this;
        }

        /**
         * How to combine a record and its result into the output record, with the output's type.
         */
        public <R> Builder<IN, R> combine(
                ResultCombiner<IN, R> combiner, TypeInformation<R> outputType) {
            Builder<IN, R> next = new Builder<>(combiner, outputType);
            next.config.addAll(config);
            next.extractor = extractor;
            next.modelSelector = modelSelector;
            return next;
        }

        public Builder<IN, OUT> outputMode(OutputMode mode) {
            return option(InstillOptions.OUTPUT_MODE, mode);
        }

        public Builder<IN, OUT> maxInFlightRecords(int records) {
            return option(InstillOptions.MAX_IN_FLIGHT_RECORDS, records);
        }

        public Builder<IN, OUT> recordTimeout(Duration timeout) {
            return option(InstillOptions.RECORD_TIMEOUT, timeout);
        }

        public Builder<IN, OUT> failurePolicy(FailurePolicy policy) {
            return option(InstillOptions.FAILURE_POLICY, policy);
        }

        /** Sets any option of {@link InstillOptions}. */
        public <T> Builder<IN, OUT> option(ConfigOption<T> option, T value) {
            config.set(option, value);
            return this;
        }

        /**
         * Sets options by key, as in a properties file or SQL WITH clause (e.g. {@code
         * "batch.max-size" -> "32"}).
         */
        public Builder<IN, OUT> options(Map<String, String> options) {
            config.addAll(Configuration.fromMap(options));
            return this;
        }

        /** Checks the configuration and builds the immutable, serializable enrichment. */
        public InstillInference<IN, OUT> build() {
            FlinkLines.check("InstillInference");
            require(
                    config.getOptional(InstillOptions.ENDPOINT).isPresent(),
                    "endpoint(...) is required");
            require(config.getOptional(InstillOptions.TASK).isPresent(), "task(...) is required");
            require(
                    extractor != null,
                    "input(...) is required: it says how to get the task input from a record");
            require(
                    config.getOptional(InstillOptions.MODEL_NAME).isPresent()
                            || modelSelector != null,
                    "modelName(...) or modelPerRecord(...) is required");
            try {
                return new InstillInference<>(
                        this, InstillSettings.from(config, InstillSettings.Surface.DATASTREAM));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("InstillInference: " + e.getMessage(), e);
            }
        }

        private static void require(boolean condition, String message) {
            if (!condition) {
                throw new IllegalArgumentException("InstillInference: " + message);
            }
        }
    }
}
