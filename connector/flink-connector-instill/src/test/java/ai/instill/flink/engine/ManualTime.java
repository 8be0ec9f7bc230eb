package ai.instill.flink.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A hand-driven clock and timer for unit tests: nothing happens until {@link #advance} says time
 * has passed.
 */
final class ManualTime implements DelayedExecutor {
    private long now;
    private long sequence;
    private final List<long[]> order = new ArrayList<>();
    private final List<Runnable> tasks = new ArrayList<>();

    long now() {
        return now;
    }

    @Override
    public synchronized void schedule(Runnable task, long delayNanos) {
        order.add(new long[] {now + delayNanos, sequence++, tasks.size()});
        tasks.add(task);
    }

    /** Moves the clock forward, running every task that falls due, in order. */
    void advance(long nanos) {
        long target = now + nanos;
        while (true) {
            Runnable next;
            synchronized (this) {
                long[] due =
                        order.stream()
                                .filter(o -> o[0] <= target)
                                .min(
                                        Comparator.<long[]>comparingLong(o -> o[0])
                                                .thenComparingLong(o -> o[1]))
                                .orElse(null);
                if (due == null) {
                    break;
                }
                order.remove(due);
                now = Math.max(now, due[0]);
                next = tasks.get((int) due[2]);
            }
            next.run();
        }
        now = target;
    }

    synchronized int pendingTasks() {
        return order.size();
    }
}
