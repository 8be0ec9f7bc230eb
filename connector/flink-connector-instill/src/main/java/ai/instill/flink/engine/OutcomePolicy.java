package ai.instill.flink.engine;

import ai.instill.flink.config.FailurePolicy;
import ai.instill.flink.error.ErrorCode;
import ai.instill.flink.error.InstillModelException;
import ai.instill.flink.error.InvalidInputException;
import ai.instill.flink.task.ModelName;
import org.apache.flink.annotation.Internal;

/**
 * The failure policy, in one place for both surfaces: turns each record's {@link RecordOutcome}
 * into a {@link Verdict} (emit, skip, dead letter, error row or fail the job), counts it through
 * the listener and writes the job's failure message. Only the record's own faults reach the policy;
 * the system's (setup, outage) always fail the job.
 */
@Internal
public final class OutcomePolicy {
    private final FailurePolicy policy;
    private final EngineListener listener;
    private final String unit;
    private final boolean modelNamedByRecord;

    /**
     * @param unit what one input is called in messages: "record" (DataStream) or "row" (SQL)
     * @param modelNamedByRecord each record names its model, so an unknown model or a task mismatch
     *     is the record's fault
     */
    public OutcomePolicy(
            FailurePolicy policy,
            EngineListener listener,
            String unit,
            boolean modelNamedByRecord) {
        this.policy = policy;
        this.listener = listener;
        this.unit = unit;
        this.modelNamedByRecord = modelNamedByRecord;
    }

    /** What becomes of one record. */
    public enum Action {
        EMIT,
        SKIP,
        DEAD_LETTER,
        ERROR_ROW,
        FAIL
    }

    /** The decision for one record; {@code jobFailure} is set for {@link Action#FAIL} only. */
    public record Verdict(Action action, RecordOutcome outcome, InstillModelException jobFailure) {}

    /** Counts a record that has arrived; call once per record, before {@link #judge}. */
    public void arrived() {
        listener.recordArrived();
    }

    /** The outcome of a record whose input or model could not even be read. */
    public RecordOutcome unreadable(Exception e) {
        InstillModelException failure =
                e instanceof InstillModelException known
                        ? known
                        : new InvalidInputException(
                                unit, "the " + unit + " could not be read: " + e, e);
        return RecordOutcome.failure(failure, 0);
    }

    /** Decides what {@code outcome} becomes, and counts it. */
    public Verdict judge(RecordOutcome outcome, ModelName model, long startNanos) {
        long latency = System.nanoTime() - startNanos;
        if (outcome.succeeded()) {
            listener.recordSucceeded(latency);
            return new Verdict(Action.EMIT, outcome, null);
        }
        InstillModelException failure = outcome.failure();
        if (isSystemFault(outcome)) {
            listener.systemFailed(failure.code());
            return new Verdict(
                    Action.FAIL,
                    outcome,
                    new InstillModelException(failure.code(), failure.reason()));
        }
        listener.recordFailed(failure.code(), latency);
        return switch (policy) {
            case SKIP -> {
                listener.skipped();
                yield new Verdict(Action.SKIP, outcome, null);
            }
            case DEAD_LETTER -> {
                listener.deadLettered();
                yield new Verdict(Action.DEAD_LETTER, outcome, null);
            }
            case ERROR_COLUMNS -> new Verdict(Action.ERROR_ROW, outcome, null);
            case FAIL -> new Verdict(Action.FAIL, outcome, jobFailure(outcome, model));
        };
    }

    private boolean isSystemFault(RecordOutcome outcome) {
        ErrorCode code = outcome.failure().code();
        boolean aboutTheNamedModel =
                code == ErrorCode.NOT_FOUND
                        || code == ErrorCode.TASK_MISMATCH
                        || code == ErrorCode.PERMISSION_DENIED;
        return outcome.isSystemFault()
                && !(modelNamedByRecord && aboutTheNamedModel && !outcome.outage());
    }

    /** The job's failure; without the gRPC cause, which Flink could not ship to the JobManager. */
    private InstillModelException jobFailure(RecordOutcome outcome, ModelName model) {
        InstillModelException failure = outcome.failure();
        return new InstillModelException(
                failure.code(),
                "Inference failed for a "
                        + unit
                        + " on model "
                        + model
                        + " after "
                        + outcome.attempts()
                        + " attempt(s): "
                        + failure.reason());
    }
}
