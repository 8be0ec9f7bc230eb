package ai.instill.flink.engine;

import ai.instill.flink.error.ErrorCode;
import org.apache.flink.annotation.Internal;

/**
 * What an {@link InferenceEngine} and the {@link OutcomePolicy} report as they work; the metrics
 * implement it. All methods may run on any thread.
 */
@Internal
public interface EngineListener {
    EngineListener NONE = new EngineListener() {};

    default void callStarted(int batchSize) {}

    default void callFinished(long latencyNanos, ErrorCode failure) {}

    default void retried(int records) {}

    default void throttled(int newLimit) {}

    default void isolated(int records) {}

    default void recordArrived() {}

    default void recordSucceeded(long latencyNanos) {}

    /** A record failed for good; the failure policy then decides what becomes of it. */
    default void recordFailed(ErrorCode code, long latencyNanos) {}

    /** A failure of the system (setup, outage) stops the job; it never reaches the policy. */
    default void systemFailed(ErrorCode code) {}

    /** A record was answered from the result cache, or by a call for the same request. */
    default void cacheHit() {}

    /** A record the result cache may answer went to the model. */
    default void cacheMissed() {}

    /** Entries left the result cache, for room or because they expired. */
    default void cacheEvicted(int entries) {}

    /** A call waited this long for its model's rate limit before it went out. */
    default void rateLimitWaited(long nanos) {}

    default void deadLettered() {}

    default void skipped() {}
}
