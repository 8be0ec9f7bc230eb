package ai.instill.flink.engine;

import ai.instill.flink.config.InstillOptions;
import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ReadableConfig;

/**
 * The batching, concurrency, retry and outage settings of an {@link InferenceEngine}, read from the
 * connector's options.
 *
 * @param recordCapacity the most records the surface can have in the engine at once (the async
 *     operator's capacity): once that many wait, nothing more can arrive and batches leave at once
 */
@Internal
public record EngineSettings(
        int maxBatchSize,
        long maxBatchBytes,
        Duration linger,
        int maxConcurrentCalls,
        boolean adaptiveConcurrency,
        Duration requestTimeout,
        int maxAttempts,
        Backoff backoff,
        Duration outageLimit,
        int recordCapacity)
        implements Serializable {

    public EngineSettings {
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("batch.max-size must be at least 1");
        }
        if (maxBatchBytes < 1) {
            throw new IllegalArgumentException("batch.max-bytes must be positive");
        }
        if (linger.isNegative()) {
            throw new IllegalArgumentException("batch.linger must not be negative");
        }
        if (maxConcurrentCalls < 1) {
            throw new IllegalArgumentException("max-concurrent-calls must be at least 1");
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("request-timeout must be positive");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("retry.max-attempts must be at least 1");
        }
        if (outageLimit.isNegative() || outageLimit.isZero()) {
            throw new IllegalArgumentException("outage.fail-after must be positive");
        }
        if (recordCapacity < 1) {
            throw new IllegalArgumentException("'max-in-flight-records' must be at least 1");
        }
    }

    public static EngineSettings from(ReadableConfig config) {
        boolean batching = config.get(InstillOptions.BATCH_ENABLED);
        return new EngineSettings(
                batching ? config.get(InstillOptions.BATCH_MAX_SIZE) : 1,
                config.get(InstillOptions.BATCH_MAX_BYTES).getBytes(),
                batching ? config.get(InstillOptions.BATCH_LINGER) : Duration.ZERO,
                config.get(InstillOptions.MAX_CONCURRENT_CALLS),
                config.get(InstillOptions.ADAPTIVE_CONCURRENCY),
                config.get(InstillOptions.REQUEST_TIMEOUT),
                config.get(InstillOptions.RETRY_MAX_ATTEMPTS),
                new Backoff(
                        config.get(InstillOptions.RETRY_INITIAL_BACKOFF),
                        config.get(InstillOptions.RETRY_MAX_BACKOFF),
                        config.get(InstillOptions.RETRY_BACKOFF_MULTIPLIER)),
                config.get(InstillOptions.OUTAGE_FAIL_AFTER),
                config.get(InstillOptions.MAX_IN_FLIGHT_RECORDS));
    }

    /** The same settings for a surface whose capacity is set elsewhere (SQL's own options). */
    public EngineSettings withRecordCapacity(int capacity) {
        return new EngineSettings(
                maxBatchSize,
                maxBatchBytes,
                linger,
                maxConcurrentCalls,
                adaptiveConcurrency,
                requestTimeout,
                maxAttempts,
                backoff,
                outageLimit,
                capacity);
    }
}
