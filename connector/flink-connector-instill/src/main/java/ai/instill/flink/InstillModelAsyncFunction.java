package ai.instill.flink;

import ai.instill.flink.config.FlinkLines;
import ai.instill.flink.engine.InferenceRuntime;
import ai.instill.flink.engine.InstillSettings;
import ai.instill.flink.engine.OutcomePolicy;
import ai.instill.flink.engine.RecordOutcome;
import ai.instill.flink.error.ErrorCode;
import ai.instill.flink.error.InstillModelException;
import ai.instill.flink.error.InvalidInputException;
import ai.instill.flink.metrics.InferenceMetrics;
import ai.instill.flink.task.ModelName;
import ai.instill.flink.task.TaskInput;
import java.util.Collections;
import java.util.List;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;

/**
 * The async function behind {@link InstillInference}: for each record it extracts the task input,
 * hands it to the shared {@link ai.instill.flink.engine.InferenceEngine} (batching, limits,
 * retries) and completes the record with its output, its dead letter, nothing (skip) or a job
 * failure, as the failure policy says.
 */
@PublicEvolving
public final class InstillModelAsyncFunction<IN, OUT>
        extends RichAsyncFunction<IN, InferenceOutcome<IN, OUT>> {
    private static final long serialVersionUID = 1L;

    private final InstillSettings settings;
    private final InputExtractor<IN> extractor;
    private final ModelSelector<IN> modelSelector;
    private final ResultCombiner<IN, OUT> combiner;

    private transient InferenceRuntime runtime;
    private transient OutcomePolicy outcomes;

    InstillModelAsyncFunction(
            InstillSettings settings,
            InputExtractor<IN> extractor,
            ModelSelector<IN> modelSelector,
            ResultCombiner<IN, OUT> combiner) {
        this.settings = settings;
        this.extractor = extractor;
        this.modelSelector = modelSelector;
        this.combiner = combiner;
    }

    @Override
    public void open(OpenContext openContext) {
        FlinkLines.check("InstillInference");
        InferenceMetrics metrics = new InferenceMetrics(getRuntimeContext().getMetricGroup());
        outcomes =
                new OutcomePolicy(
                        settings.failurePolicy(), metrics, "record", modelSelector != null);
        runtime =
                InferenceRuntime.open(
                        settings,
                        metrics,
                        "instill-timer-"
                                + getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(),
                        getRuntimeContext().getTaskInfo().getAttemptNumber());
        metrics.watch(runtime.engine());
    }

    @Override
    public void asyncInvoke(IN record, ResultFuture<InferenceOutcome<IN, OUT>> resultFuture) {
        long start = System.nanoTime();
        outcomes.arrived();
        ModelName model = settings.model();
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
            finish(record, model, outcomes.unreadable(e), start, resultFuture);
            return;
        }
        ModelName chosen = model;
        runtime.engine()
                .submit(chosen, input, settings.recordTimeout())
                .thenAccept(outcome -> finish(record, chosen, outcome, start, resultFuture));
    }

    @Override
    public void timeout(IN record, ResultFuture<InferenceOutcome<IN, OUT>> resultFuture) {
        InstillModelException timeout =
                new InstillModelException(
                        ErrorCode.TIMEOUT,
                        "no result within the record timeout of " + settings.recordTimeout());
        finish(
                record,
                settings.model(),
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
        OutcomePolicy.Verdict verdict = outcomes.judge(outcome, model, startNanos);
        switch (verdict.action()) {
            case EMIT -> {
                OUT output;
                try {
                    output = combiner.combine(record, outcome.result());
                } catch (Exception e) {
                    resultFuture.completeExceptionally(e);
                    return;
                }
                resultFuture.complete(List.of(InferenceOutcome.of(output)));
            }
            case SKIP -> resultFuture.complete(Collections.emptyList());
            case DEAD_LETTER -> {
                InstillModelException failure = outcome.failure();
                resultFuture.complete(
                        List.of(
                                InferenceOutcome.failed(
                                        new DeadLetter<>(
                                                record,
                                                settings.task().componentId(),
                                                String.valueOf(model),
                                                failure.code(),
                                                failure.reason(),
                                                outcome.attempts(),
                                                System.currentTimeMillis()))));
            }
            case FAIL, ERROR_ROW -> resultFuture.completeExceptionally(verdict.jobFailure());
        }
    }

    @Override
    public void close() {
        if (runtime != null) {
            runtime.close();
        }
    }
}
