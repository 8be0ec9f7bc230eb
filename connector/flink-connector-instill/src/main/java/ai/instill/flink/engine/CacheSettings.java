package ai.instill.flink.engine;

import ai.instill.flink.config.InstillOptions;
import ai.instill.flink.task.ModelName;
import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ReadableConfig;

/**
 * What the result cache may hold and for how long; engines with equal settings on one TaskManager
 * share one cache.
 *
 * @param maxBytes most bytes of answers (wire size plus {@link ResultCache#ENTRY_OVERHEAD_BYTES}
 *     each)
 * @param unpinnedTtl how long an answer of a model without a pinned version is reused (zero: not
 *     cached)
 * @param nondeterministic whether requests whose answer varies from call to call are cached too
 */
@Internal
public record CacheSettings(
        boolean enabled,
        int maxEntries,
        long maxBytes,
        Duration ttl,
        Duration unpinnedTtl,
        boolean nondeterministic)
        implements Serializable {

    public CacheSettings {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("'cache.max-entries' must be at least 1");
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("'cache.max-bytes' must be positive");
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("'cache.ttl' must be positive");
        }
        if (unpinnedTtl.isNegative()) {
            throw new IllegalArgumentException("'cache.unpinned-ttl' must not be negative");
        }
    }

    public static CacheSettings from(ReadableConfig config) {
        return new CacheSettings(
                config.get(InstillOptions.CACHE_ENABLED),
                config.get(InstillOptions.CACHE_MAX_ENTRIES),
                config.get(InstillOptions.CACHE_MAX_BYTES).getBytes(),
                config.get(InstillOptions.CACHE_TTL),
                config.get(InstillOptions.CACHE_UNPINNED_TTL),
                config.get(InstillOptions.CACHE_NONDETERMINISTIC));
    }

    /**
     * How long the answer to a request of {@code model} may be reused: zero when it must not be
     * cached (the cache is off, the request is not deterministic and the user did not opt in, or
     * the model is unpinned and {@code cache.unpinned-ttl} is 0).
     */
    public Duration timeToLive(ModelName model, boolean deterministic) {
        if (!enabled || !(deterministic || nondeterministic)) {
            return Duration.ZERO;
        }
        return pinned(model) ? ttl : min(unpinnedTtl, ttl);
    }

    /** A version that names one build of the model: set, and not {@code latest}. */
    static boolean pinned(ModelName model) {
        return model.versionIfPinned().filter(v -> !v.equalsIgnoreCase("latest")).isPresent();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
