package ai.instill.flink.engine;

import ai.instill.flink.client.ClientSettings;
import ai.instill.flink.config.FailurePolicy;
import ai.instill.flink.config.InstillOptions;
import ai.instill.flink.config.OutputMode;
import ai.instill.flink.task.InputLimits;
import ai.instill.flink.task.InstillTask;
import ai.instill.flink.task.ModelName;
import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ReadableConfig;

/**
 * The connector's options, read and checked once where the job is built (at {@code build()} and
 * when a SQL statement is planned) and shipped to the operators instead of the raw configuration.
 */
@Internal
public record InstillSettings(
        InstillTask task,
        ModelName model,
        FailurePolicy failurePolicy,
        Duration recordTimeout,
        OutputMode outputMode,
        InputLimits inputLimits,
        EngineSettings engine,
        CacheSettings cache,
        RateLimitSettings rateLimit,
        ClientSettings client,
        StartupCheck startupCheck)
        implements Serializable {

    /** Where the options come from; each surface refuses what it cannot honour. */
    public enum Surface {
        DATASTREAM,
        SQL
    }

    /**
     * Reads and checks every option; throws {@link IllegalArgumentException} naming the option to
     * fix. The model name may be absent when each record names its model.
     */
    public static InstillSettings from(ReadableConfig config, Surface surface) {
        require(config.getOptional(InstillOptions.ENDPOINT).isPresent(), "'endpoint' is required");
        require(config.getOptional(InstillOptions.TASK).isPresent(), "'task' is required");
        FailurePolicy policy = config.get(InstillOptions.FAILURE_POLICY);
        if (surface == Surface.DATASTREAM) {
            require(
                    policy != FailurePolicy.ERROR_COLUMNS,
                    "failure policy ERROR_COLUMNS is for SQL; use FAIL, SKIP or DEAD_LETTER");
        } else {
            require(
                    policy != FailurePolicy.DEAD_LETTER,
                    "'failure-policy' = 'DEAD_LETTER' needs a side output, which SQL does not"
                            + " have. Use 'ERROR_COLUMNS' and route failed rows with WHERE"
                            + " error_code IS NOT NULL, or 'SKIP' or 'FAIL'.");
            require(
                    config.getOptional(InstillOptions.AUTH_TOKEN).isEmpty(),
                    "an inline 'auth.token' is not accepted in SQL, because SQL options are"
                            + " shown by SHOW CREATE MODEL and SET. Put the token in an"
                            + " environment variable and set 'auth.token-env', or in a file and"
                            + " set 'auth.token-file'.");
        }
        Duration recordTimeout = config.get(InstillOptions.RECORD_TIMEOUT);
        require(
                !recordTimeout.isNegative() && !recordTimeout.isZero(),
                "'record-timeout' must be positive");
        return new InstillSettings(
                config.get(InstillOptions.TASK),
                config.getOptional(InstillOptions.MODEL_NAME).map(ModelName::parse).orElse(null),
                policy,
                recordTimeout,
                config.get(InstillOptions.OUTPUT_MODE),
                new InputLimits(
                        config.get(InstillOptions.MAX_IMAGE_SIZE).getBytes(),
                        config.get(InstillOptions.MAX_IMAGE_PIXELS)),
                EngineSettings.from(config),
                CacheSettings.from(config),
                RateLimitSettings.from(config),
                ClientSettings.from(config),
                new StartupCheck(
                        config.get(InstillOptions.STARTUP_CHECK_TIMEOUT),
                        config.get(InstillOptions.STARTUP_CHECK_RESTART)));
    }

    /**
     * These settings on a surface that holds at most {@code capacity} records at once (SQL's {@code
     * max-concurrent-operations}; 1 for a synchronous function).
     */
    public InstillSettings withRecordCapacity(int capacity) {
        return new InstillSettings(
                task,
                model,
                failurePolicy,
                recordTimeout,
                outputMode,
                inputLimits,
                engine.withRecordCapacity(capacity),
                cache,
                rateLimit,
                client,
                startupCheck);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
