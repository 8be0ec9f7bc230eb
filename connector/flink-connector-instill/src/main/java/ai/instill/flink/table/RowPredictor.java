package ai.instill.flink.table;

import ai.instill.flink.config.FlinkLines;
import ai.instill.flink.engine.InferenceRuntime;
import ai.instill.flink.engine.InstillSettings;
import ai.instill.flink.engine.OutcomePolicy;
import ai.instill.flink.engine.RecordOutcome;
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

    private static final Duration MAX_GRACE = Duration.ofSeconds(5);

    private final InstillSettings settings;
    private final RowInputConverter inputs;
    private final ResultRowConverter results;
    private final Duration budget;

    private transient InferenceRuntime runtime;
    private transient OutcomePolicy outcomes;

    RowPredictor(
            InstillSettings settings,
            RowInputConverter inputs,
            ResultRowConverter results,
            Duration budget) {
        this.settings = settings;
        this.inputs = inputs;
        this.results = results;
        this.budget = budget;
    }

    void open(FunctionContext context) {
        FlinkLines.check("ML_PREDICT / INSTILL_PREDICT");
        InferenceMetrics metrics = new InferenceMetrics(context.getMetricGroup());
        outcomes = new OutcomePolicy(settings.failurePolicy(), metrics, "row", false);
        runtime =
                InferenceRuntime.open(
                        settings,
                        metrics,
                        "instill-sql-timer-" + variable(context, "<subtask_index>"),
                        variable(context, "<task_attempt_num>"));
        metrics.watch(runtime.engine());
    }

    /** Predicts one ML_PREDICT row on the model's configured model name. */
    CompletableFuture<Collection<RowData>> predict(RowData row) {
        return predict(settings::model, () -> inputs.toInput(row));
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
        outcomes.arrived();
        ModelName chosen;
        TaskInput input;
        try {
            chosen = modelOf.get();
            input = inputOf.get();
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(
                    finish(outcomes.unreadable(e), settings.model(), start));
        }
        return runtime.engine()
                .submit(chosen, input, budget)
                .thenApply(outcome -> finish(outcome, chosen, start));
    }

    private Collection<RowData> finish(RecordOutcome outcome, ModelName model, long startNanos) {
        OutcomePolicy.Verdict verdict = outcomes.judge(outcome, model, startNanos);
        return switch (verdict.action()) {
            case EMIT -> List.of(results.toRow(outcome.result()));
            case SKIP -> List.of();
            case ERROR_ROW -> List.of(results.errorRow(outcome.failure(), outcome.attempts()));
            case FAIL, DEAD_LETTER -> throw verdict.jobFailure();
        };
    }

    void close() {
        if (runtime != null) {
            runtime.close();
            runtime = null;
        }
    }

    /** A task variable of the function's metric group (FunctionContext.getTaskInfo is 2.0+). */
    private static int variable(FunctionContext context, String name) {
        String value = context.getMetricGroup().getAllVariables().get(name);
        try {
            return value == null ? 0 : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * The record timeout, cut to end a little before the planner's own timeout (ML_PREDICT's or the
     * async scalar function's), at most 5 s before it, so the failure policy sees it first.
     */
    static Duration budget(Duration own, Duration predictTimeout) {
        Duration grace = predictTimeout.dividedBy(10);
        if (grace.compareTo(MAX_GRACE) > 0) {
            grace = MAX_GRACE;
        }
        Duration cut = predictTimeout.minus(grace);
        return own.compareTo(cut) < 0 ? own : cut;
    }
}
