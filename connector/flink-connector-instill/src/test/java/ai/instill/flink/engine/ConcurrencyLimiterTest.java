package ai.instill.flink.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConcurrencyLimiterTest {
    private static final long QUIET = 1_000;

    @Test
    void neverGrantsMoreSlotsThanTheLimit() {
        ConcurrencyLimiter limiter = new ConcurrencyLimiter(3, true, QUIET);
        assertThat(limiter.tryAcquire()).isTrue();
        assertThat(limiter.tryAcquire()).isTrue();
        assertThat(limiter.tryAcquire()).isTrue();
        assertThat(limiter.tryAcquire()).isFalse();
        limiter.release();
        assertThat(limiter.tryAcquire()).isTrue();
        assertThat(limiter.inFlight()).isEqualTo(3);
    }

    @Test
    void throttlingHalvesTheLimitOncePerQuietPeriod() {
        ConcurrencyLimiter limiter = new ConcurrencyLimiter(16, true, QUIET);
        assertThat(limiter.onThrottled(0)).isTrue();
        assertThat(limiter.limit()).isEqualTo(8);
        assertThat(limiter.onThrottled(QUIET - 1)).isFalse();
        assertThat(limiter.limit()).isEqualTo(8);
        assertThat(limiter.onThrottled(QUIET)).isTrue();
        assertThat(limiter.limit()).isEqualTo(4);
    }

    @Test
    void theLimitNeverDropsBelowOne() {
        ConcurrencyLimiter limiter = new ConcurrencyLimiter(2, true, QUIET);
        for (int i = 0; i < 5; i++) {
            limiter.onThrottled(i * QUIET);
        }
        assertThat(limiter.limit()).isEqualTo(1);
        assertThat(limiter.tryAcquire()).isTrue();
        assertThat(limiter.tryAcquire()).isFalse();
    }

    @Test
    void successesGrowTheLimitBackByAboutOneCallPerRound() {
        ConcurrencyLimiter limiter = new ConcurrencyLimiter(8, true, QUIET);
        limiter.onThrottled(0);
        assertThat(limiter.limit()).isEqualTo(4);
        for (int i = 0; i < 5; i++) { // a round at limit 4 is 4 calls; each success adds 1/limit
            limiter.onSuccess();
        }
        assertThat(limiter.limit()).isEqualTo(5);
        for (int i = 0; i < 100; i++) {
            limiter.onSuccess();
        }
        assertThat(limiter.limit()).isEqualTo(8);
    }

    @Test
    void aFixedLimiterIgnoresThrottling() {
        ConcurrencyLimiter limiter = new ConcurrencyLimiter(8, false, QUIET);
        assertThat(limiter.onThrottled(0)).isFalse();
        assertThat(limiter.limit()).isEqualTo(8);
    }

    @Test
    void releasingWithoutAcquiringIsABug() {
        assertThatThrownBy(() -> new ConcurrencyLimiter(1, true, QUIET).release())
                .isInstanceOf(IllegalStateException.class);
    }
}
