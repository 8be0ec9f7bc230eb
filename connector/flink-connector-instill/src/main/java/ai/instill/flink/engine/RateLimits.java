package ai.instill.flink.engine;

import ai.instill.flink.client.TaskManagerShared;
import ai.instill.flink.task.ModelName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The rate limits of the models one engine calls, each shared with every other subtask of the
 * TaskManager that calls the same model on the same endpoint with the same limits; released when
 * the engine's runtime closes.
 */
final class RateLimits implements AutoCloseable {
    /** The rate limits of this JVM (a TaskManager). */
    static final TaskManagerShared<Key, RateLimit> TASK_MANAGER = registry(System::nanoTime);

    private final TaskManagerShared<Key, RateLimit> shared;
    private final RateLimitSettings settings;
    private final String endpoint;
    private final Map<ModelName, TaskManagerShared<Key, RateLimit>.Lease> leases = new HashMap<>();

    RateLimits(
            TaskManagerShared<Key, RateLimit> shared, RateLimitSettings settings, String endpoint) {
        this.shared = shared;
        this.settings = settings;
        this.endpoint = endpoint;
    }

    /** The rate limit of calls to {@code model}; {@link RateLimit#NONE} when unlimited. */
    RateLimit of(ModelName model) {
        if (!settings.enabled()) {
            return RateLimit.NONE;
        }
        synchronized (leases) {
            return leases.computeIfAbsent(
                            model, m -> shared.acquire(new Key(endpoint, m, settings)))
                    .value();
        }
    }

    @Override
    public void close() {
        List<TaskManagerShared<Key, RateLimit>.Lease> held;
        synchronized (leases) {
            held = new ArrayList<>(leases.values());
            leases.clear();
        }
        held.forEach(TaskManagerShared.Lease::close);
    }

    /** Rate limits shared by key on {@code clock}: the TaskManager's, or a test's own. */
    static TaskManagerShared<Key, RateLimit> registry(LongSupplier clock) {
        return new TaskManagerShared<>(
                new TaskManagerShared.Kind<>() {
                    @Override
                    public RateLimit create(Key key, long nowNanos) {
                        return new RateLimit(key.settings(), nowNanos);
                    }

                    @Override
                    public long keepIdleNanos(RateLimit limit, long nowNanos) {
                        return limit.nanosToFill(nowNanos);
                    }
                },
                clock);
    }

    /** What makes two rate limits one: the same model on the same endpoint, with the same rates. */
    record Key(String endpoint, ModelName model, RateLimitSettings settings) {}
}
