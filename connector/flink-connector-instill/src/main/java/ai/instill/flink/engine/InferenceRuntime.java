package ai.instill.flink.engine;

import ai.instill.flink.client.InstillModelClient;
import ai.instill.flink.task.InstillTask;
import ai.instill.flink.task.TaskCodec;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What one parallel instance of the operator (DataStream or SQL) opens from its settings: the
 * client on a shared channel, a timer thread and the {@link InferenceEngine}; closed together.
 */
public final class InferenceRuntime implements AutoCloseable {
    private final InstillModelClient client;
    private final ScheduledExecutorService timer;
    private final InferenceEngine engine;

    private InferenceRuntime(
            InstillModelClient client, ScheduledExecutorService timer, InferenceEngine engine) {
        this.client = client;
        this.timer = timer;
        this.engine = engine;
    }

    public static InferenceRuntime open(
            InstillSettings settings, EngineListener listener, String threadName) {
        InstillTask task = settings.task();
        TaskCodec codec = TaskCodec.of(task, settings.inputLimits());
        InstillModelClient client = InstillModelClient.create(settings.client());
        ScheduledExecutorService timer =
                Executors.newSingleThreadScheduledExecutor(
                        runnable -> {
                            Thread thread = new Thread(runnable, threadName);
                            thread.setDaemon(true);
                            return thread;
                        });
        ModelCaller caller =
                (model, inputs, deadline) -> client.triggerChecked(model, task, inputs, deadline);
        InferenceEngine engine =
                new InferenceEngine(
                        codec, caller, settings.engine(), DelayedExecutor.of(timer), listener);
        return new InferenceRuntime(client, timer, engine);
    }

    public InferenceEngine engine() {
        return engine;
    }

    @Override
    public void close() {
        engine.close();
        timer.shutdownNow();
        client.close();
    }
}
