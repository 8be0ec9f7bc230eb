package ai.instill.flink.engine;

import ai.instill.flink.error.ErrorClass;
import ai.instill.flink.error.ErrorCode;
import ai.instill.flink.error.InstillModelException;
import ai.instill.flink.task.TaskResult;
import org.apache.flink.annotation.Internal;

/**
 * How one record's inference ended: its typed result, or the failure that ended it and whether that
 * failure is the system's (an outage past its limit, a wrong setup, the operator closing) rather
 * than the record's, and the calls it took.
 */
@Internal
public record RecordOutcome(
        TaskResult result, InstillModelException failure, int attempts, boolean outage) {

    public static RecordOutcome success(TaskResult result, int attempts) {
        return new RecordOutcome(result, null, attempts, false);
    }

    public static RecordOutcome failure(InstillModelException failure, int attempts) {
        return new RecordOutcome(null, failure, attempts, false);
    }

    /** The system failed every call for longer than the outage limit. */
    public static RecordOutcome outage(InstillModelException failure, int attempts) {
        return new RecordOutcome(null, failure, attempts, true);
    }

    /**
     * The operator closed (the job failed or was cancelled) before the record's call: the system's
     * doing, so it never reaches the failure policy.
     */
    public static RecordOutcome closed(int attempts) {
        return new RecordOutcome(
                null,
                new InstillModelException(ErrorCode.CANCELLED, "the operator was closed"),
                attempts,
                true);
    }

    public boolean succeeded() {
        return failure == null;
    }

    /** True when the failure is the system's: it must stop the job, not reach the policy. */
    public boolean isSystemFault() {
        return outage || (failure != null && failure.code().errorClass() == ErrorClass.SETUP);
    }
}
