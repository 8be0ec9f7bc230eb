package ai.instill.flink.table;

import ai.instill.flink.config.FailurePolicy;
import ai.instill.flink.config.InstillOptions;
import ai.instill.flink.engine.InferenceRuntime;
import ai.instill.flink.engine.RecordOutcome;
import ai.instill.flink.error.InstillModelException;
import ai.instill.flink.error.InvalidInputException;
import ai.instill.flink.metrics.InferenceMetrics;
import ai.instill.flink.task.ModelName;
import ai.instill.flink.task.TaskInput;
import java.io.Serializable;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.functions.FunctionContext;

/**
 * What both predict functions do with a row: read its typed input, hand it to the shared inference
 * engine (the same runtime as the DataStream operator: batching across rows in flight, limits,
 * retries) and turn the outcome into the output row, no row, a job failure or an error row, as the
 * failure policy says.
 */
final class RowPredictor implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Configuration config;
    private final RowInputConverter inputs;
    private final ResultRowConverter results;
    private final Duration budget;

    private transient InferenceRuntime runtime;
    private transient InferenceMetrics metrics;
    private transient ModelName model;
    private transient FailurePolicy policy;

    RowPredictor(
            Configuration config,
            RowInputConverter inputs,
            ResultRowConverter results,
            Duration budget) {
        this.config = config;
        this.inputs = inputs;
        this.results = results;
        this.budget = budget;
    }

    void open(FunctionContext context) {
        open(context.getMetricGroup(), context.getTaskInfo().getIndexOfThisSubtask());
    }

    void open(MetricGroup group, int subtask) {
        model = config.getOptional(InstillOptions.MODEL_NAME).map(ModelName::parse).orElse(null);
        policy = config.get(InstillOptions.FAILURE_POLICY);
        metrics = new InferenceMetrics(group);
        runtime = InferenceRuntime.open(config, metrics, "instill-sql-timer-" + subtask);
        metrics.watch(runtime.engine());
    }

    /** Predicts one ML_PREDICT row on the model's configured model name. */
    CompletableFuture<Collection<RowData>> predict(RowData row) {
        return predict(() -> model, () -> inputs.toInput(row));
    }

    /** Predicts the SQL function's arguments (internal values) on the model named in the call. */
    CompletableFuture<Collection<RowData>> predict(String modelName, Object[] values) {
        return predict(
                () -> {
                    if (modelName == null) {
                        throw new InvalidInputException("model_name", "is required");
                    }
                    return ModelName.parse(modelName);
                },
                () -> inputs.toInput(values));
    }

    private CompletableFuture<Collection<RowData>> predict(
            Supplier<ModelName> modelOf, Supplier<TaskInput> inputOf) {
        long start = System.nanoTime();
        metrics.recordIn();
        ModelName chosen;
        TaskInput input;
        try {
            chosen = modelOf.get();
            input = inputOf.get();
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(
                    finish(RecordOutcome.failure(asBadInput(e), 0), model, start));
        }
        return runtime.engine()
                .submit(chosen, input, budget)
                .thenApply(outcome -> finish(outcome, chosen, start));
    }

    private Collection<RowData> finish(RecordOutcome outcome, ModelName model, long startNanos) {
        long latency = System.nanoTime() - startNanos;
        if (outcome.succeeded()) {
            RowData row = results.toRow(outcome.result());
            metrics.resultOut(latency);
            return List.of(row);
        }
        InstillModelException failure = outcome.failure();
        metrics.recordFailed(failure.code(), latency);
        switch (policy) {
            case SKIP -> {
                metrics.skipped();
                return List.of();
            }
            case ERROR_COLUMNS -> {
                return List.of(results.errorRow(failure, outcome.attempts()));
            }
            default ->
                    throw new InstillModelException(
                            failure.code(),
                            "Inference failed for a row on model "
                                    + model
                                    + " after "
                                    + outcome.attempts()
                                    + " attempt(s): "
                                    + failure.reason(),
                            failure);
        }
    }

    static InstillModelException asBadInput(RuntimeException e) {
        if (e instanceof InstillModelException known) {
            return known;
        }
        return new InvalidInputException("row", "the row could not be read: " + e.getMessage(), e);
    }

    void close() {
        if (runtime != null) {
            runtime.close();
            runtime = null;
        }
    }
}
