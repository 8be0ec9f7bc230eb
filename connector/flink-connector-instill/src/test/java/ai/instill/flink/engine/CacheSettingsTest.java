package ai.instill.flink.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.instill.flink.config.InstillOptions;
import ai.instill.flink.task.ModelName;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

class CacheSettingsTest {
    private static final ModelName PINNED = ModelName.parse("acme/yolo/v2");
    private static final ModelName UNPINNED = ModelName.parse("acme/yolo");
    private static final ModelName LATEST = ModelName.parse("acme/yolo/latest");

    @Test
    void isOffByDefault() {
        CacheSettings settings = CacheSettings.from(new Configuration());
        assertThat(settings.enabled()).isFalse();
        assertThat(settings.timeToLive(PINNED, true)).isZero();
    }

    @Test
    void aPinnedVersionKeepsItsAnswersForTheTtlAndAnUnpinnedOneForTheShorterOne() {
        CacheSettings settings = on(false);
        assertThat(settings.timeToLive(PINNED, true)).isEqualTo(Duration.ofHours(1));
        assertThat(settings.timeToLive(UNPINNED, true)).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.timeToLive(LATEST, true)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void anUnpinnedTtlOfZeroCachesNoUnpinnedModelAndNoneOutlivesTheTtl() {
        Configuration config = enabled();
        config.set(InstillOptions.CACHE_UNPINNED_TTL, Duration.ZERO);
        assertThat(CacheSettings.from(config).timeToLive(UNPINNED, true)).isZero();
        config.set(InstillOptions.CACHE_UNPINNED_TTL, Duration.ofHours(5));
        assertThat(CacheSettings.from(config).timeToLive(UNPINNED, true))
                .isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aRequestThatIsNotDeterministicIsCachedOnlyWhenTheUserSaysSo() {
        assertThat(on(false).timeToLive(PINNED, false)).isZero();
        assertThat(on(true).timeToLive(PINNED, false)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void refusesBoundsThatHoldNothing() {
        Configuration config = enabled();
        config.set(InstillOptions.CACHE_MAX_ENTRIES, 0);
        assertThatThrownBy(() -> CacheSettings.from(config))
                .hasMessageContaining("cache.max-entries");
        Configuration ttl = enabled();
        ttl.set(InstillOptions.CACHE_TTL, Duration.ZERO);
        assertThatThrownBy(() -> CacheSettings.from(ttl)).hasMessageContaining("cache.ttl");
    }

    private static CacheSettings on(boolean nondeterministic) {
        Configuration config = enabled();
        config.set(InstillOptions.CACHE_NONDETERMINISTIC, nondeterministic);
        return CacheSettings.from(config);
    }

    private static Configuration enabled() {
        Configuration config = new Configuration();
        config.set(InstillOptions.CACHE_ENABLED, true);
        return config;
    }
}
