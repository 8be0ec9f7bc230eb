package ai.instill.flink.engine;

/**
 * Permits that refill at a steady rate up to a burst of one second's worth (at least one permit): a
 * caller takes several at once, or learns how long until they are there. Time is passed in, so that
 * tests drive it by hand. Not thread-safe: its owner serialises access.
 */
final class TokenBucket {
    private final double perNano;
    private final double capacity;
    private double permits;
    private long refilledAt;

    TokenBucket(double perSecond, long nowNanos) {
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("a rate must be positive: " + perSecond);
        }
        this.perNano = perSecond / 1e9;
        this.capacity = Math.max(1, perSecond);
        this.permits = capacity;
        this.refilledAt = nowNanos;
    }

    /** The most permits there can ever be at once. */
    int capacity() {
        return (int) capacity;
    }

    /**
     * Nanoseconds until {@code wanted} permits are there, 0 if they are; {@code wanted} is at most
     * {@link #capacity()}.
     */
    long nanosUntil(int wanted, long nowNanos) {
        refill(nowNanos);
        double missing = wanted - permits;
        return missing <= 0 ? 0 : Math.max(1, (long) Math.ceil(missing / perNano));
    }

    /** Takes permits that {@link #nanosUntil} said are there. */
    void take(int permits) {
        this.permits -= permits;
    }

    /** Nanoseconds until the bucket is full again: after that, it is as good as a new one. */
    long nanosToFill(long nowNanos) {
        refill(nowNanos);
        return (long) Math.ceil((capacity - permits) / perNano);
    }

    private void refill(long nowNanos) {
        if (nowNanos > refilledAt) {
            permits = Math.min(capacity, permits + (nowNanos - refilledAt) * perNano);
            refilledAt = nowNanos;
        }
    }
}
