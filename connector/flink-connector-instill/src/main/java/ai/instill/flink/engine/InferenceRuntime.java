package ai.instill.flink.engine;

import ai.instill.flink.client.InstillModelClient;
import ai.instill.flink.client.TaskManagerShared;
import ai.instill.flink.error.ErrorCode;
import ai.instill.flink.error.InstillModelException;
import ai.instill.flink.task.InstillTask;
import ai.instill.flink.task.TaskCodec;
import java.io.UncheckedIOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.flink.annotation.Internal;

/**
 * What one parallel instance of the operator (DataStream or SQL) opens from its settings: the
 * client on a shared channel, the TaskManager's result cache and rate limits, a timer thread and
 * the {@link InferenceEngine}; closed together.
 */
@Internal
public final class InferenceRuntime implements AutoCloseable {
    private final InstillModelClient client;
    private final TaskManagerShared<CacheSettings, ResultCache>.Lease cache;
    private final RateLimits rateLimits;
    private final ScheduledExecutorService timer;
    private final InferenceEngine engine;

    private InferenceRuntime(
            InstillModelClient client,
            TaskManagerShared<CacheSettings, ResultCache>.Lease cache,
            RateLimits rateLimits,
            ScheduledExecutorService timer,
            InferenceEngine engine) {
        this.client = client;
        this.cache = cache;
        this.rateLimits = rateLimits;
        this.timer = timer;
        this.engine = engine;
    }

    /**
     * Opens the runtime and, when the settings name the model, runs the {@link StartupCheck};
     * {@code attemptNumber} is the task's execution attempt (0 on the job's first start).
     */
    public static InferenceRuntime open(
            InstillSettings settings,
            EngineListener listener,
            String threadName,
            int attemptNumber) {
        InstillTask task = settings.task();
        TaskCodec codec = TaskCodec.of(task, settings.inputLimits());
        InstillModelClient client;
        try {
            client = InstillModelClient.create(settings.client());
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw settings.startupCheck()
                    .fail(
                            new InstillModelException(ErrorCode.SETUP_INCOMPLETE, e.getMessage()),
                            false);
        }
        if (settings.model() != null) {
            try {
                settings.startupCheck().run(client, settings.model(), task, attemptNumber);
            } catch (RuntimeException e) {
                client.close();
                throw e;
            }
        }
        ScheduledExecutorService timer =
                Executors.newSingleThreadScheduledExecutor(
                        runnable -> {
                            Thread thread = new Thread(runnable, threadName);
                            thread.setDaemon(true);
                            return thread;
                        });
        ModelCaller caller =
                (model, inputs, deadline) -> client.triggerChecked(model, task, inputs, deadline);
        String endpoint = settings.client().endpoint();
        TaskManagerShared<CacheSettings, ResultCache>.Lease cache =
                settings.cache().enabled()
                        ? ResultCache.TASK_MANAGER.acquire(settings.cache())
                        : null;
        RateLimits rateLimits =
                new RateLimits(RateLimits.TASK_MANAGER, settings.rateLimit(), endpoint);
        InferenceEngine engine =
                new InferenceEngine(
                        codec,
                        caller,
                        settings.engine(),
                        DelayedExecutor.of(timer),
                        listener,
                        cache == null ? null : cache.value(),
                        CacheKey.scope(endpoint, task),
                        rateLimits);
        return new InferenceRuntime(client, cache, rateLimits, timer, engine);
    }

    public InferenceEngine engine() {
        return engine;
    }

    @Override
    public void close() {
        engine.close();
        timer.shutdownNow();
        if (cache != null) {
            cache.close();
        }
        rateLimits.close();
        client.close();
    }
}
