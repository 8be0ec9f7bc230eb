package ai.instill.flink.bench;

import java.util.Arrays;

/**
 * Percentiles of the latency a job adds to the server's per-call latency L: each record's time from
 * its due time at the source to the sink, minus L, in milliseconds.
 */
public record AddedLatency(double p50Ms, double p99Ms, double p999Ms) {

    static final AddedLatency NONE = new AddedLatency(Double.NaN, Double.NaN, Double.NaN);

    /** The percentiles of {@code latencyNanos} less {@code serverLatencyMs}, or NONE if empty. */
    static AddedLatency of(long[] latencyNanos, double serverLatencyMs) {
        if (latencyNanos.length == 0) {
            return NONE;
        }
        long[] sorted = latencyNanos.clone();
        Arrays.sort(sorted);
        return new AddedLatency(
                percentile(sorted, 0.50) - serverLatencyMs,
                percentile(sorted, 0.99) - serverLatencyMs,
                percentile(sorted, 0.999) - serverLatencyMs);
    }

    /** The nearest-rank percentile q of sorted nanoseconds, in milliseconds. */
    private static double percentile(long[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }

    boolean measured() {
        return !Double.isNaN(p50Ms);
    }
}
