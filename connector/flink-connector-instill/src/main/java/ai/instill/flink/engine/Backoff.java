package ai.instill.flink.engine;

import java.io.Serializable;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter: the n-th retry waits a random time between zero and {@code
 * min(max, initial × multiplier^(n-1))}, so that many clients retrying at once spread out.
 */
record Backoff(Duration initial, Duration max, double multiplier) implements Serializable {

    public Backoff {
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("retry.initial-backoff must be positive");
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException(
                    "retry.max-backoff must not be smaller than retry.initial-backoff");
        }
        if (multiplier < 1.0) {
            throw new IllegalArgumentException("retry.backoff-multiplier must be at least 1.0");
        }
    }

    /** The ceiling of the wait before retry number {@code retry} (1 for the first retry). */
    public long ceilingNanos(int retry) {
        double ceiling = initial.toNanos() * Math.pow(multiplier, Math.max(0, retry - 1));
        return (long) Math.min(ceiling, max.toNanos());
    }

    /**
     * The wait before retry number {@code retry}, drawn with {@code random} (uniform in [0, 1)).
     */
    public long delayNanos(int retry, DoubleSupplier random) {
        return (long) (ceilingNanos(retry) * random.getAsDouble());
    }
}
