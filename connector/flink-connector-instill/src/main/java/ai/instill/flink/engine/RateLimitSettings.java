package ai.instill.flink.engine;

import ai.instill.flink.config.InstillOptions;
import java.io.Serializable;
import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ReadableConfig;

/**
 * The most records and trigger calls per second that one TaskManager sends to one model; 0 is no
 * limit.
 */
@Internal
public record RateLimitSettings(double recordsPerSecond, double callsPerSecond)
        implements Serializable {

    public static final RateLimitSettings NONE = new RateLimitSettings(0, 0);

    public RateLimitSettings {
        check(recordsPerSecond, InstillOptions.RATE_LIMIT_RECORDS_PER_SECOND.key());
        check(callsPerSecond, InstillOptions.RATE_LIMIT_CALLS_PER_SECOND.key());
    }

    public static RateLimitSettings from(ReadableConfig config) {
        return new RateLimitSettings(
                config.get(InstillOptions.RATE_LIMIT_RECORDS_PER_SECOND),
                config.get(InstillOptions.RATE_LIMIT_CALLS_PER_SECOND));
    }

    public boolean enabled() {
        return recordsPerSecond > 0 || callsPerSecond > 0;
    }

    private static void check(double perSecond, String key) {
        if (!(perSecond >= 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("'" + key + "' must be 0 (no limit) or positive");
        }
    }
}
