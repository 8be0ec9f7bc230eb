package ai.instill.flink.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * One instance per key in this JVM, shared by every subtask of the TaskManager that asks for it (as
 * the gRPC channels are): handed out as leases, and kept after its last lease ends for as long as
 * it differs from a new one (a cache until its entries expire, a rate limit until its buckets
 * refill), so that a task restarted on the same TaskManager finds it again. Instances kept that
 * long are dropped at the next {@link #acquire}.
 */
final class TaskManagerShared<K, V> {

    /** How to make a shared instance, and how long one without users stays worth keeping. */
    interface Kind<K, V> {
        V create(K key, long nowNanos);

        long keepIdleNanos(V value, long nowNanos);
    }

    private final Kind<K, V> kind;
    private final LongSupplier clock;
    private final Map<K, Slot<V>> slots = new HashMap<>();

    TaskManagerShared(Kind<K, V> kind, LongSupplier clock) {
        this.kind = kind;
        this.clock = clock;
    }

    Lease acquire(K key) {
        synchronized (slots) {
            long now = clock.getAsLong();
            slots.values().removeIf(slot -> slot.users == 0 && now - slot.idleUntil >= 0);
            Slot<V> slot = slots.computeIfAbsent(key, k -> new Slot<>(kind.create(k, now)));
            slot.users++;
            return new Lease(slot);
        }
    }

    /** Instances held, in use or kept idle (for tests). */
    int size() {
        synchronized (slots) {
            return slots.size();
        }
    }

    /** A counted use of a shared instance; closing it ends the use. */
    final class Lease implements AutoCloseable {
        private final Slot<V> slot;
        private boolean released;

        private Lease(Slot<V> slot) {
            this.slot = slot;
        }

        V value() {
            return slot.value;
        }

        @Override
        public void close() {
            synchronized (slots) {
                if (released) {
                    return;
                }
                released = true;
                if (--slot.users == 0) {
                    long now = clock.getAsLong();
                    slot.idleUntil = now + kind.keepIdleNanos(slot.value, now);
                }
            }
        }
    }

    private static final class Slot<V> {
        final V value;
        int users;
        long idleUntil;

        Slot(V value) {
            this.value = value;
        }
    }
}
