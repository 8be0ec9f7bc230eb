package ai.instill.flink;

import ai.instill.flink.config.FailurePolicy;
import ai.instill.flink.config.InstillOptions;
import ai.instill.flink.engine.InferenceRuntime;
import ai.instill.flink.engine.RecordOutcome;
import ai.instill.flink.error.ErrorCode;
import ai.instill.flink.error.InstillModelException;
import ai.instill.flink.error.InvalidInputException;
import ai.instill.flink.metrics.InferenceMetrics;
import ai.instill.flink.task.InstillTask;
import ai.instill.flink.task.ModelName;
import ai.instill.flink.task.TaskInput;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;

/**
 * The async function behind {@link InstillInference}: for each record it extracts the task input,
 * hands it to the shared {@link ai.instill.flink.engine.InferenceEngine} (batching, limits,
 * retries) and completes the record with its output, its dead letter, nothing (skip) or a job
 * failure, as the failure policy says.
 */
public final class InstillModelAsyncFunction<IN, OUT>
        extends RichAsyncFunction<IN, InferenceOutcome<IN, OUT>> {
    private static final long serialVersionUID = 1L;

    private final Configuration config;
    private final InputExtractor<IN> extractor;
    private final ModelSelector<IN> modelSelector;
    private final ResultCombiner<IN, OUT> combiner;

    private transient InferenceRuntime runtime;
    private transient InferenceMetrics metrics;
    private transient ModelName defaultModel;
    private transient InstillTask task;
    private transient FailurePolicy policy;
    private transient Duration recordTimeout;

    InstillModelAsyncFunction(
            Configuration config,
            InputExtractor<IN> extractor,
            ModelSelector<IN> modelSelector,
            ResultCombiner<IN, OUT> combiner) {
        this.config = config;
        this.extractor = extractor;
        this.modelSelector = modelSelector;
        this.combiner = combiner;
    }

    @Override
    public void open(OpenContext openContext) {
        task = config.get(InstillOptions.TASK);
        policy = config.get(InstillOptions.FAILURE_POLICY);
        recordTimeout = config.get(InstillOptions.RECORD_TIMEOUT);
        defaultModel =
                config.getOptional(InstillOptions.MODEL_NAME).map(ModelName::parse).orElse(null);
        metrics = new InferenceMetrics(getRuntimeContext().getMetricGroup());
        runtime =
                InferenceRuntime.open(
                        config,
                        metrics,
                        "instill-timer-"
                                + getRuntimeContext().getTaskInfo().getIndexOfThisSubtask());
        metrics.watch(runtime.engine());
    }

    @Override
    public void asyncInvoke(IN record, ResultFuture<InferenceOutcome<IN, OUT>> resultFuture) {
        long start = System.nanoTime();
        metrics.recordIn();
        ModelName model = defaultModel;
        TaskInput input;
        try {
            if (modelSelector != null) {
                model = ModelName.parse(modelSelector.modelName(record));
            }
            input = extractor.extract(record);
            if (input == null) {
                throw new InvalidInputException("record", "the input extractor returned no input");
            }
        } catch (Exception e) {
            finish(record, model, RecordOutcome.failure(asBadInput(e), 0), start, resultFuture);
            return;
        }
        ModelName chosen = model;
        runtime.engine()
                .submit(chosen, input, recordTimeout)
                .thenAccept(outcome -> finish(record, chosen, outcome, start, resultFuture));
    }

    @Override
    public void timeout(IN record, ResultFuture<InferenceOutcome<IN, OUT>> resultFuture) {
        InstillModelException timeout =
                new InstillModelException(
                        ErrorCode.TIMEOUT,
                        "no result within the record timeout of " + recordTimeout);
        finish(
                record,
                defaultModel,
                RecordOutcome.failure(timeout, -1),
                System.nanoTime(),
                resultFuture);
    }

    private void finish(
            IN record,
            ModelName model,
            RecordOutcome outcome,
            long startNanos,
            ResultFuture<InferenceOutcome<IN, OUT>> resultFuture) {
        long latency = System.nanoTime() - startNanos;
        if (outcome.succeeded()) {
            OUT output;
            try {
                output = combiner.combine(record, outcome.result());
            } catch (Exception e) {
                resultFuture.completeExceptionally(e);
                return;
            }
            metrics.resultOut(latency);
            resultFuture.complete(List.of(InferenceOutcome.of(output)));
            return;
        }
        InstillModelException failure = outcome.failure();
        metrics.recordFailed(failure.code(), latency);
        switch (policy) {
            case SKIP -> {
                metrics.skipped();
                resultFuture.complete(Collections.emptyList());
            }
            case DEAD_LETTER -> {
                metrics.deadLettered();
                resultFuture.complete(
                        List.of(
                                InferenceOutcome.failed(
                                        new DeadLetter<>(
                                                record,
                                                task.componentId(),
                                                String.valueOf(model),
                                                failure.code(),
                                                failure.reason(),
                                                outcome.attempts(),
                                                System.currentTimeMillis()))));
            }
            default ->
                    resultFuture.completeExceptionally(
                            new InstillModelException(
                                    failure.code(),
                                    "Inference failed for a record on model "
                                            + model
                                            + " after "
                                            + outcome.attempts()
                                            + " attempt(s): "
                                            + failure.reason(),
                                    failure));
        }
    }

    private static InstillModelException asBadInput(Exception e) {
        if (e instanceof InstillModelException known) {
            return known;
        }
        return new InvalidInputException("record", "the record could not be read: " + e, e);
    }

    @Override
    public void close() {
        if (runtime != null) {
            runtime.close();
        }
    }
}
