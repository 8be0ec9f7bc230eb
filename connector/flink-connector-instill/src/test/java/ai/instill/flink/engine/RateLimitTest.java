package ai.instill.flink.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateLimitTest {
    private static final long MS = 1_000_000L;

    @Test
    void aCallTakesItsRecordsAndItsCallTogetherOrNothing() {
        RateLimit limit = new RateLimit(new RateLimitSettings(8, 2), 0);
        assertThat(limit.maxRecordsPerCall()).isEqualTo(8);
        assertThat(limit.tryAcquire(5, 0)).isZero();
        // 3 records are left, but a call of 4 must wait for one more (125 ms)
        assertThat(limit.tryAcquire(4, 0)).isEqualTo(125 * MS);
        assertThat(limit.tryAcquire(3, 0)).isZero();
        // both calls of the second are used: the next waits for a call permit (500 ms), though
        // records are back by then
        assertThat(limit.tryAcquire(1, 0)).isEqualTo(500 * MS);
        assertThat(limit.tryAcquire(1, 500 * MS)).isZero();
    }

    @Test
    void aLimitOfCallsAloneLetsAnyBatchSizeThrough() {
        RateLimit limit = new RateLimit(new RateLimitSettings(0, 1), 0);
        assertThat(limit.maxRecordsPerCall()).isEqualTo(Integer.MAX_VALUE);
        assertThat(limit.tryAcquire(1000, 0)).isZero();
        assertThat(limit.tryAcquire(1, 0)).isEqualTo(1000 * MS);
    }

    @Test
    void noLimitNeverWaits() {
        for (int i = 0; i < 1000; i++) {
            assertThat(RateLimit.NONE.tryAcquire(64, 0)).isZero();
        }
        assertThat(RateLimit.NONE.nanosToFill(0)).isZero();
    }
}
