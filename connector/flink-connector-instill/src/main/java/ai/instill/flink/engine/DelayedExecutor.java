package ai.instill.flink.engine;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Runs a task after a delay: a scheduled executor in production, a hand-driven clock in tests. */
@FunctionalInterface
interface DelayedExecutor {
    /**
     * Runs {@code task} after {@code delayNanos}; may throw RejectedExecutionException once shut
     * down.
     */
    void schedule(Runnable task, long delayNanos);

    static DelayedExecutor of(ScheduledExecutorService executor) {
        return (task, delayNanos) -> executor.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
    }
}
