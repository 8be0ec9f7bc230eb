package ai.instill.flink.client;

import ai.instill.flink.config.InstillOptions;
import ai.instill.flink.error.ErrorCode;
import ai.instill.flink.error.InstillModelException;
import ai.instill.flink.task.InputLimits;
import ai.instill.flink.task.InstillTask;
import ai.instill.flink.task.ModelName;
import ai.instill.flink.task.ModelTask;
import ai.instill.flink.task.TaskCodec;
import ai.instill.flink.task.TaskInput;
import ai.instill.flink.task.TaskResult;
import com.google.protobuf.Struct;
import io.grpc.ClientInterceptors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.flink.annotation.Internal;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ReadableConfig;

/**
 * An asynchronous client for models served on Instill Model: many typed inputs per trigger call,
 * results matched back to inputs by position, every failure an {@link InstillModelException}.
 *
 * <p>Futures returned here fail with an {@link InstillModelException} (wrapped in a {@link
 * java.util.concurrent.CompletionException} by {@code join()}). The gRPC channel is shared with
 * every other client of the same endpoint and settings in the JVM.
 */
@PublicEvolving
public final class InstillModelClient implements AutoCloseable {
    private final ChannelCache.Lease channel;
    private final ModelApi api;
    private final Duration requestTimeout;
    private final Endpoint endpoint;
    private final ConcurrentMap<ModelName, CompletableFuture<ModelInfo>> checkedModels =
            new ConcurrentHashMap<>();

    private InstillModelClient(
            ChannelCache.Lease channel, ModelApi api, Duration requestTimeout, Endpoint endpoint) {
        this.channel = channel;
        this.api = api;
        this.requestTimeout = requestTimeout;
        this.endpoint = endpoint;
    }

    /**
     * Opens a client from the connector's options ({@link InstillOptions}); fails fast on a bad
     * configuration.
     */
    public static InstillModelClient create(ReadableConfig config) {
        return create(ClientSettings.from(config));
    }

    /** Opens a client from checked settings; resolves the API token here, where the job runs. */
    public static InstillModelClient create(ClientSettings settings) {
        ApiToken token =
                settings.token() == null ? null : settings.token().resolve(System.getenv());
        ChannelCache.Lease lease = ChannelCache.acquire(settings.channel());
        ModelApi api =
                ModelApi.of(
                        settings.protocol(),
                        ClientInterceptors.intercept(
                                lease.channel(), CallHeaders.interceptor(settings, token)));
        return new InstillModelClient(
                lease, api, settings.requestTimeout(), settings.channel().endpoint());
    }

    /**
     * Checks that the model serves the task, validates the inputs (default size limits), sends them
     * in one trigger call and decodes one result per input, in input order.
     */
    public CompletableFuture<List<TaskResult>> trigger(
            ModelName model, InstillTask task, List<? extends TaskInput> inputs) {
        return trigger(model, TaskCodec.of(task, InputLimits.DEFAULT), inputs);
    }

    /** {@link #trigger(ModelName, InstillTask, List)} with the codec's own limits. */
    @Internal
    public CompletableFuture<List<TaskResult>> trigger(
            ModelName model, TaskCodec codec, List<? extends TaskInput> inputs) {
        List<Struct> encoded = new ArrayList<>(inputs.size());
        try {
            for (TaskInput input : inputs) {
                encoded.add(codec.encode(input));
            }
        } catch (InstillModelException e) {
            return CompletableFuture.failedFuture(e);
        }
        return checkServes(model, codec.task())
                .thenCompose(
                        info ->
                                triggerEncoded(
                                        model, codec.task().modelTask(), encoded, requestTimeout))
                .thenApply(
                        outputs -> {
                            List<TaskResult> results = new ArrayList<>(outputs.size());
                            for (int i = 0; i < outputs.size(); i++) {
                                results.add(codec.decode(inputs.get(i), outputs.get(i)));
                            }
                            return results;
                        });
    }

    /**
     * Sends already encoded inputs in one call with the given deadline; completes with exactly one
     * output per input or fails (a short answer is {@link ErrorCode#MISSING_OUTPUTS}).
     */
    @Internal
    public CompletableFuture<List<Struct>> triggerEncoded(
            ModelName model, ModelTask expectedTask, List<Struct> inputs, Duration deadline) {
        int count = inputs.size(); // the answer's check needs the count only, not the (possibly
        // large) inputs
        return api.trigger(model, inputs, Math.max(1, deadline.toMillis()))
                .handle(
                        (outcome, error) -> {
                            if (error != null) {
                                throw StatusMapping.toException(error, describe(model, count));
                            }
                            if (outcome.task() != ModelTask.UNSPECIFIED
                                    && outcome.task() != expectedTask) {
                                throw new InstillModelException(
                                        ErrorCode.TASK_MISMATCH,
                                        describe(model, count)
                                                + " ran task "
                                                + outcome.task()
                                                + ", expected "
                                                + expectedTask);
                            }
                            if (outcome.outputs().size() != count) {
                                throw new InstillModelException(
                                        ErrorCode.MISSING_OUTPUTS,
                                        describe(model, count)
                                                + " answered OK with "
                                                + outcome.outputs().size()
                                                + " output(s); released servers answer so when"
                                                + " inference fails");
                            }
                            return outcome.outputs();
                        });
    }

    /** Names the call in an error message; built only when a call fails. */
    private String describe(ModelName model, int inputs) {
        return "Trigger of model " + model + " with " + inputs + " input(s) at " + endpoint;
    }

    /**
     * {@link #checkServes} then {@link #triggerEncoded}; once the model is known to serve the task,
     * the call goes out at once instead of through another future stage.
     */
    @Internal
    public CompletableFuture<List<Struct>> triggerChecked(
            ModelName model, InstillTask task, List<Struct> inputs, Duration deadline) {
        CompletableFuture<ModelInfo> check = checkServes(model, task);
        if (check.isDone() && !check.isCompletedExceptionally()) {
            return triggerEncoded(model, task.modelTask(), inputs, deadline);
        }
        return check.thenCompose(info -> triggerEncoded(model, task.modelTask(), inputs, deadline));
    }

    /**
     * Checks, once per model and client, that the model exists, serves the task, has the pinned
     * version and may be triggered by the caller. A transient failure is not remembered, so the
     * next call checks again.
     */
    public CompletableFuture<ModelInfo> checkServes(ModelName model, InstillTask task) {
        CompletableFuture<ModelInfo> known = checkedModels.get(model);
        if (known != null) {
            return known;
        }
        CompletableFuture<ModelInfo> created = new CompletableFuture<>();
        CompletableFuture<ModelInfo> raced = checkedModels.putIfAbsent(model, created);
        if (raced != null) {
            return raced;
        }
        CompletableFuture<ModelInfo> lookUp;
        try {
            lookUp = lookUp(model, task);
        } catch (RuntimeException e) {
            lookUp = CompletableFuture.failedFuture(e);
        }
        // registered once per look-up (not once per call): a transient failure is forgotten before
        // anyone sees it
        lookUp.whenComplete(
                (info, error) -> {
                    if (error != null && StatusMapping.toException(error, "").isRetryable()) {
                        checkedModels.remove(model, created);
                    }
                    if (error != null) {
                        created.completeExceptionally(error);
                    } else {
                        created.complete(info);
                    }
                });
        return created;
    }

    private CompletableFuture<ModelInfo> lookUp(ModelName model, InstillTask task) {
        String what = "Look-up of model " + model + " at " + endpoint;
        return api.getModel(model, requestTimeout.toMillis())
                .handle(
                        (info, error) -> {
                            if (error != null) {
                                throw StatusMapping.toException(error, what);
                            }
                            if (info.task() != task.modelTask()) {
                                throw new InstillModelException(
                                        ErrorCode.TASK_MISMATCH,
                                        "Model "
                                                + model
                                                + " serves "
                                                + info.task()
                                                + ", but task "
                                                + task
                                                + " needs a model that serves "
                                                + task.modelTask());
                            }
                            if (model.version() != null
                                    && !info.versions().isEmpty()
                                    && !info.versions().contains(model.version())) {
                                throw new InstillModelException(
                                        ErrorCode.NOT_FOUND,
                                        "Model "
                                                + model
                                                + " has no version "
                                                + model.version()
                                                + "; its versions are "
                                                + info.versions());
                            }
                            if (!info.canTrigger()) {
                                throw new InstillModelException(
                                        ErrorCode.PERMISSION_DENIED,
                                        "The caller may not trigger model " + model);
                            }
                            return info;
                        });
    }

    @Override
    public void close() {
        channel.close();
    }
}
