package ai.instill.flink.engine;

/**
 * Bounds the trigger calls in flight and adapts the bound: it halves when the model says it is
 * overloaded ({@code RESOURCE_EXHAUSTED}) and grows back by about one call per round of successful
 * calls (additive increase, multiplicative decrease). Not thread-safe: its owner serialises access.
 */
final class ConcurrencyLimiter {
    private final int maxLimit;
    private final boolean adaptive;
    private final long decreaseQuietNanos;
    private double limit;
    private int inFlight;
    private long lastDecreaseNanos = Long.MIN_VALUE;

    /**
     * @param decreaseQuietNanos after a decrease, further throttling signals are ignored for this
     *     long, so that the failures of calls that were already in flight count as one signal
     */
    ConcurrencyLimiter(int maxLimit, boolean adaptive, long decreaseQuietNanos) {
        if (maxLimit < 1) {
            throw new IllegalArgumentException("max-concurrent-calls must be at least 1");
        }
        this.maxLimit = maxLimit;
        this.adaptive = adaptive;
        this.decreaseQuietNanos = decreaseQuietNanos;
        this.limit = maxLimit;
    }

    /** Whether a call could start now. */
    boolean hasRoom() {
        return inFlight < limit();
    }

    boolean tryAcquire() {
        if (hasRoom()) {
            inFlight++;
            return true;
        }
        return false;
    }

    void release() {
        if (inFlight == 0) {
            throw new IllegalStateException("release without acquire");
        }
        inFlight--;
    }

    /**
     * A call succeeded: grow the limit by 1/limit, about one more call per round trip of the whole
     * window.
     */
    void onSuccess() {
        if (adaptive && limit < maxLimit) {
            limit = Math.min(maxLimit, limit + 1.0 / limit);
        }
    }

    /**
     * The model is overloaded: halve the limit, at most once per quiet period. Returns whether it
     * decreased.
     */
    boolean onThrottled(long nowNanos) {
        if (!adaptive) {
            return false;
        }
        if (lastDecreaseNanos != Long.MIN_VALUE
                && nowNanos - lastDecreaseNanos < decreaseQuietNanos) {
            return false;
        }
        lastDecreaseNanos = nowNanos;
        limit = Math.max(1.0, Math.floor(limit / 2));
        return true;
    }

    int limit() {
        return (int) Math.floor(limit);
    }

    int inFlight() {
        return inFlight;
    }
}
