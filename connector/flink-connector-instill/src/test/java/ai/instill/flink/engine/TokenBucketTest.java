package ai.instill.flink.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000_000_000L;

    @Test
    void startsWithABurstOfOneSecondsWorthAndThenRefillsAtTheRate() {
        TokenBucket bucket = new TokenBucket(10, 0);
        assertThat(bucket.capacity()).isEqualTo(10);
        assertThat(bucket.nanosUntil(10, 0)).isZero();
        bucket.take(10);
        assertThat(bucket.nanosUntil(1, 0)).isEqualTo(100 * MS);
        assertThat(bucket.nanosUntil(1, 100 * MS - 1)).isEqualTo(1);
        assertThat(bucket.nanosUntil(1, 100 * MS)).isZero();
        assertThat(bucket.nanosUntil(3, 100 * MS)).isEqualTo(200 * MS);
    }

    @Test
    void neverHoldsMoreThanItsCapacity() {
        TokenBucket bucket = new TokenBucket(4, 0);
        bucket.take(4);
        // an hour idle refills it to 4, not to 14 400
        assertThat(bucket.nanosUntil(4, 3600 * SECOND)).isZero();
        bucket.take(4);
        assertThat(bucket.nanosUntil(1, 3600 * SECOND)).isEqualTo(250 * MS);
    }

    @Test
    void aRateBelowOnePerSecondStillLetsOneGoAtATime() {
        TokenBucket bucket = new TokenBucket(0.5, 0);
        assertThat(bucket.capacity()).isEqualTo(1);
        bucket.take(1);
        assertThat(bucket.nanosUntil(1, 0)).isEqualTo(2 * SECOND);
        assertThat(bucket.nanosToFill(SECOND)).isEqualTo(SECOND);
        assertThat(bucket.nanosToFill(2 * SECOND)).isZero();
    }

    @Test
    void overAnyWindowGrantsAtMostRateTimesWindowPlusTheBurst() {
        TokenBucket bucket = new TokenBucket(20, 0);
        long granted = 0;
        // one ask every 7 ms for 3 s: the first second's burst, then 20 a second
        for (long now = 0; now <= 3 * SECOND; now += 7 * MS) {
            if (bucket.nanosUntil(1, now) == 0) {
                bucket.take(1);
                granted++;
            }
        }
        assertThat(granted).isBetween(60L + 20 - 1, 60L + 20);
    }

    @Test
    void refusesARateThatIsNotPositive() {
        assertThatThrownBy(() -> new TokenBucket(0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBucket(Double.NaN, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
