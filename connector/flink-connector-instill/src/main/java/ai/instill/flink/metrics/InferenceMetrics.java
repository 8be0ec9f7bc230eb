package ai.instill.flink.metrics;

import ai.instill.flink.engine.EngineListener;
import ai.instill.flink.engine.InferenceEngine;
import ai.instill.flink.error.ErrorCode;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.annotation.Internal;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * The connector's metrics, registered under the group {@code instill} of the operator: records,
 * results, calls, batch sizes, latencies (p50/p95/p99 via histograms), retries, throttling, the
 * circuit breaker, the result cache, rate-limit waits, record and system failures by code and what
 * the failure policy did with them.
 */
@Internal
public final class InferenceMetrics implements EngineListener {
    public static final String GROUP = "instill";
    private static final int HISTOGRAM_WINDOW = 1024;

    private final Counter recordsIn;
    private final Counter resultsOut;
    private final Counter calls;
    private final Counter retries;
    private final Counter throttlingEvents;
    private final Counter isolatedRecords;
    private final Counter failedRecords;
    private final Counter systemFailures;
    private final Counter deadLettered;
    private final Counter skipped;
    private final Counter cacheHits;
    private final Counter cacheMisses;
    private final Counter cacheEvictions;
    private final Counter rateLimitWaits;
    private final Histogram rateLimitWaitMillis;
    private final Map<ErrorCode, Counter> failuresByCode = new EnumMap<>(ErrorCode.class);
    private final Histogram batchSize;
    private final Histogram callLatencyMillis;
    private final Histogram recordLatencyMillis;
    private final AtomicInteger recordsInFlight = new AtomicInteger();
    private final MetricGroup group;

    public InferenceMetrics(MetricGroup operatorGroup) {
        group = operatorGroup.addGroup(GROUP);
        recordsIn = counter(group, "recordsIn");
        resultsOut = counter(group, "resultsOut");
        calls = counter(group, "calls");
        retries = counter(group, "retries");
        throttlingEvents = counter(group, "throttlingEvents");
        isolatedRecords = counter(group, "isolatedRecords");
        failedRecords = counter(group, "failedRecords");
        systemFailures = counter(group, "systemFailures");
        deadLettered = counter(group, "deadLettered");
        skipped = counter(group, "skipped");
        cacheHits = counter(group, "cacheHits");
        cacheMisses = counter(group, "cacheMisses");
        cacheEvictions = counter(group, "cacheEvictions");
        rateLimitWaits = counter(group, "rateLimitWaits");
        rateLimitWaitMillis =
                group.histogram(
                        "rateLimitWaitMs", new DescriptiveStatisticsHistogram(HISTOGRAM_WINDOW));
        MetricGroup failures = group.addGroup("failures");
        for (ErrorCode code : ErrorCode.values()) {
            failuresByCode.put(code, counter(failures, code.name()));
        }
        batchSize =
                group.histogram("batchSize", new DescriptiveStatisticsHistogram(HISTOGRAM_WINDOW));
        callLatencyMillis =
                group.histogram(
                        "callLatencyMs", new DescriptiveStatisticsHistogram(HISTOGRAM_WINDOW));
        recordLatencyMillis =
                group.histogram(
                        "recordLatencyMs", new DescriptiveStatisticsHistogram(HISTOGRAM_WINDOW));
        group.gauge("recordsInFlight", (Gauge<Integer>) recordsInFlight::get);
    }

    /**
     * A counter that loses no count when threads count at once: the task thread, the connections'
     * event loops and the engine's timer all count (Flink's default counter is a plain {@code
     * long}).
     */
    private static Counter counter(MetricGroup group, String name) {
        return group.counter(name, new ThreadSafeSimpleCounter());
    }

    /** Registers the gauges that read the engine's live state. */
    public void watch(InferenceEngine engine) {
        group.gauge("callsInFlight", (Gauge<Integer>) engine::callsInFlight);
        group.gauge("concurrencyLimit", (Gauge<Integer>) engine::concurrencyLimit);
        group.gauge("queuedRecords", (Gauge<Integer>) engine::queuedRecords);
        group.gauge("circuitOpen", (Gauge<Integer>) () -> engine.circuitOpen() ? 1 : 0);
        group.gauge("outageSeconds", (Gauge<Long>) engine::outageSeconds);
        group.gauge("cacheEntries", (Gauge<Integer>) engine::cachedEntries);
        group.gauge("cacheBytes", (Gauge<Long>) engine::cachedBytes);
    }

    @Override
    public void recordArrived() {
        recordsIn.inc();
        recordsInFlight.incrementAndGet();
    }

    @Override
    public void recordSucceeded(long latencyNanos) {
        recordsInFlight.decrementAndGet();
        resultsOut.inc();
        recordLatencyMillis.update(latencyNanos / 1_000_000);
    }

    @Override
    public void recordFailed(ErrorCode code, long latencyNanos) {
        recordsInFlight.decrementAndGet();
        failedRecords.inc();
        failuresByCode.get(code).inc();
        recordLatencyMillis.update(latencyNanos / 1_000_000);
    }

    @Override
    public void systemFailed(ErrorCode code) {
        recordsInFlight.decrementAndGet();
        systemFailures.inc();
        failuresByCode.get(code).inc();
    }

    @Override
    public void deadLettered() {
        deadLettered.inc();
    }

    @Override
    public void skipped() {
        skipped.inc();
    }

    @Override
    public void callStarted(int records) {
        calls.inc();
        batchSize.update(records);
    }

    @Override
    public void callFinished(long latencyNanos, ErrorCode failure) {
        callLatencyMillis.update(latencyNanos / 1_000_000);
    }

    @Override
    public void retried(int records) {
        retries.inc(records);
    }

    @Override
    public void throttled(int newLimit) {
        throttlingEvents.inc();
    }

    @Override
    public void isolated(int records) {
        isolatedRecords.inc(records);
    }

    @Override
    public void cacheHit() {
        cacheHits.inc();
    }

    @Override
    public void cacheMissed() {
        cacheMisses.inc();
    }

    @Override
    public void cacheEvicted(int entries) {
        cacheEvictions.inc(entries);
    }

    @Override
    public void rateLimitWaited(long nanos) {
        rateLimitWaits.inc();
        rateLimitWaitMillis.update(nanos / 1_000_000);
    }
}
