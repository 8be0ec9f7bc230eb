package ai.instill.flink.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 2.0);

    @Test
    void theCeilingGrowsExponentiallyUpToTheMaximum() {
        assertThat(backoff.ceilingNanos(1)).isEqualTo(Duration.ofMillis(100).toNanos());
        assertThat(backoff.ceilingNanos(2)).isEqualTo(Duration.ofMillis(200).toNanos());
        assertThat(backoff.ceilingNanos(4)).isEqualTo(Duration.ofMillis(800).toNanos());
        assertThat(backoff.ceilingNanos(5)).isEqualTo(Duration.ofSeconds(1).toNanos());
        assertThat(backoff.ceilingNanos(60)).isEqualTo(Duration.ofSeconds(1).toNanos());
    }

    @Test
    void fullJitterDrawsBetweenZeroAndTheCeiling() {
        assertThat(backoff.delayNanos(3, () -> 0.0)).isZero();
        assertThat(backoff.delayNanos(3, () -> 0.5)).isEqualTo(Duration.ofMillis(200).toNanos());
        assertThat(backoff.delayNanos(3, () -> 0.999)).isLessThan(Duration.ofMillis(400).toNanos());
    }

    @Test
    void nonsenseSettingsAreRefusedWithTheOptionName() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 2.0))
                .hasMessageContaining("retry.initial-backoff");
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 2.0))
                .hasMessageContaining("retry.max-backoff");
        assertThatThrownBy(() -> new Backoff(Duration.ofMillis(1), Duration.ofSeconds(1), 0.5))
                .hasMessageContaining("retry.backoff-multiplier");
    }
}
