package ai.instill.flink.engine;

import ai.instill.flink.error.ErrorCode;

/**
 * What an {@link InferenceEngine} reports as it works; the metrics implement it. All methods may
 * run on any thread.
 */
public interface EngineListener {
    EngineListener NONE = new EngineListener() {};

    default void callStarted(int batchSize) {}

    default void callFinished(long latencyNanos, ErrorCode failure) {}

    default void retried(int records) {}

    default void throttled(int newLimit) {}

    default void isolated(int records) {}
}
