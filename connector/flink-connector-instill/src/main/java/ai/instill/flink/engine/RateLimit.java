package ai.instill.flink.engine;

/**
 * The rate at which one model may be called from this TaskManager: a token bucket for records and
 * one for calls, either of them absent when unlimited. A call goes out only when both have its
 * permits, and takes them together. Thread-safe: the subtasks of a TaskManager share it.
 */
final class RateLimit {
    /** No limit: every call may go at once. */
    static final RateLimit NONE = new RateLimit(RateLimitSettings.NONE, 0);

    private final TokenBucket records;
    private final TokenBucket calls;

    RateLimit(RateLimitSettings settings, long nowNanos) {
        this.records =
                settings.recordsPerSecond() > 0
                        ? new TokenBucket(settings.recordsPerSecond(), nowNanos)
                        : null;
        this.calls =
                settings.callsPerSecond() > 0
                        ? new TokenBucket(settings.callsPerSecond(), nowNanos)
                        : null;
    }

    /** The most records one call may carry: a second's worth, when records are limited. */
    int maxRecordsPerCall() {
        return records == null ? Integer.MAX_VALUE : records.capacity();
    }

    /**
     * Takes the permits of a call of {@code batch} records (at most {@link #maxRecordsPerCall()})
     * and returns 0, or takes nothing and returns how many nanoseconds until they are there.
     */
    synchronized long tryAcquire(int batch, long nowNanos) {
        long wait =
                Math.max(
                        records == null ? 0 : records.nanosUntil(batch, nowNanos),
                        calls == null ? 0 : calls.nanosUntil(1, nowNanos));
        if (wait == 0) {
            if (records != null) {
                records.take(batch);
            }
            if (calls != null) {
                calls.take(1);
            }
        }
        return wait;
    }

    /** Nanoseconds until both buckets are full again: from then on a new one would be the same. */
    synchronized long nanosToFill(long nowNanos) {
        return Math.max(
                records == null ? 0 : records.nanosToFill(nowNanos),
                calls == null ? 0 : calls.nanosToFill(nowNanos));
    }
}
