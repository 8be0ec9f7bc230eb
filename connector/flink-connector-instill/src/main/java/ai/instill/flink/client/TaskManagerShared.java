package ai.instill.flink.client;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.flink.annotation.Internal;

/**
 * One instance per key in this JVM, shared by every subtask of the TaskManager that asks for it (a
 * gRPC channel, a result cache, a rate limit): handed out as leases, and kept after its last lease
 * ends for as long as it differs from a new one (a cache until its entries expire, a rate limit
 * until its buckets refill), so that a task restarted on the same TaskManager finds it again.
 * Instances kept that long are disposed of at the next {@link #acquire}; those not worth keeping (a
 * channel) when their last lease ends.
 */
@Internal
public final class TaskManagerShared<K, V> {

    /**
     * How to make a shared instance, how long one without users stays worth keeping, and its end.
     */
    public interface Kind<K, V> {
        V create(K key, long nowNanos);

        long keepIdleNanos(V value, long nowNanos);

        /** Releases what the instance holds (threads, connections); called under the lock. */
        default void dispose(V value) {}
    }

    private final Kind<K, V> kind;
    private final LongSupplier clock;
    private final Map<K, Slot<V>> slots = new HashMap<>();

    public TaskManagerShared(Kind<K, V> kind, LongSupplier clock) {
        this.kind = kind;
        this.clock = clock;
    }

    public Lease acquire(K key) {
        synchronized (slots) {
            long now = clock.getAsLong();
            for (Iterator<Slot<V>> it = slots.values().iterator(); it.hasNext(); ) {
                Slot<V> slot = it.next();
                if (slot.users == 0 && now - slot.idleUntil >= 0) {
                    it.remove();
                    kind.dispose(slot.value);
                }
            }
            Slot<V> slot = slots.computeIfAbsent(key, k -> new Slot<>(kind.create(k, now)));
            slot.users++;
            return new Lease(slot);
        }
    }

    /** Instances held, in use or kept idle (for tests and leak checks). */
    public int size() {
        synchronized (slots) {
            return slots.size();
        }
    }

    /** A counted use of a shared instance; closing it ends the use. */
    public final class Lease implements AutoCloseable {
        private final Slot<V> slot;
        private boolean released;

        private Lease(Slot<V> slot) {
            this.slot = slot;
        }

        public V value() {
            return slot.value;
        }

        @Override
        public void close() {
            synchronized (slots) {
                if (released) {
                    return;
                }
                released = true;
                if (--slot.users > 0) {
                    return;
                }
                long now = clock.getAsLong();
                long keep = kind.keepIdleNanos(slot.value, now);
                if (keep > 0) {
                    slot.idleUntil = now + keep;
                } else {
                    slots.values().remove(slot);
                    kind.dispose(slot.value);
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
