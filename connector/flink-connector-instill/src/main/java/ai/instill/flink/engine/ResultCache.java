package ai.instill.flink.engine;

import ai.instill.flink.client.TaskManagerShared;
import ai.instill.flink.task.TaskResult;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * Answers of the model kept for reuse, bounded by entries and bytes (the least recently used leave
 * first), each for its time-to-live; a request already on its way to the model is claimed, so that
 * the same request arriving meanwhile waits for that answer instead of calling again. Results are
 * immutable and handed out as they are. Thread-safe: every subtask of a TaskManager shares it.
 */
final class ResultCache {
    /**
     * What an entry costs beyond its answer's wire size: the key's digest, the entry and the map's
     * node (an estimate of their heap, so that many tiny answers still count).
     */
    static final int ENTRY_OVERHEAD_BYTES = 160;

    /** The caches of this JVM (a TaskManager), one per settings. */
    static final TaskManagerShared<CacheSettings, ResultCache> TASK_MANAGER =
            registry(System::nanoTime);

    private final CacheSettings settings;
    private final LinkedHashMap<CacheKey, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
    private final Map<CacheKey, CompletableFuture<TaskResult>> claimed = new HashMap<>();
    private long bytes;

    ResultCache(CacheSettings settings) {
        this.settings = settings;
    }

    /**
     * Caches shared by settings on {@code clock}, each kept unused until its entries have expired:
     * the TaskManager's, or a test's own.
     */
    static TaskManagerShared<CacheSettings, ResultCache> registry(LongSupplier clock) {
        return new TaskManagerShared<>(
                new TaskManagerShared.Kind<>() {
                    @Override
                    public ResultCache create(CacheSettings settings, long nowNanos) {
                        return new ResultCache(settings);
                    }

                    @Override
                    public long keepIdleNanos(ResultCache cache, long nowNanos) {
                        return cache.settings.ttl().toNanos();
                    }
                },
                clock);
    }

    CacheSettings settings() {
        return settings;
    }

    /**
     * Looks a request up. {@link Lookup#answer()} is a completed future on a hit, the future answer
     * of the same request in flight (completed with {@code null} if that call fails), or {@code
     * null}: then the request is claimed and the caller must {@link #release} it.
     */
    synchronized Lookup claim(CacheKey key, long nowNanos) {
        Entry entry = entries.get(key);
        int expired = 0;
        if (entry != null) {
            if (nowNanos - entry.expiresAt < 0) {
                return new Lookup(CompletableFuture.completedFuture(entry.result), 0);
            }
            remove(key, entry);
            expired = 1;
        }
        CompletableFuture<TaskResult> inFlight = claimed.get(key);
        if (inFlight == null) {
            claimed.put(key, new CompletableFuture<>());
        }
        return new Lookup(inFlight, expired);
    }

    /**
     * Ends a claim: keeps {@code result} (when not {@code null}) for {@code ttlNanos} and hands it
     * to the requests that waited for it. Returns how many entries left the cache to make room or
     * because they had expired.
     */
    int release(CacheKey key, TaskResult result, int answerBytes, long ttlNanos, long nowNanos) {
        CompletableFuture<TaskResult> waiting;
        int evicted = 0;
        synchronized (this) {
            waiting = claimed.remove(key);
            if (result != null) {
                evicted = put(key, new Entry(result, weigh(answerBytes), nowNanos + ttlNanos));
                evicted += dropExpired(nowNanos);
            }
        }
        if (waiting != null) {
            // outside the lock: the waiting records go on into their engines
            waiting.complete(result);
        }
        return evicted;
    }

    synchronized int entries() {
        return entries.size();
    }

    synchronized long bytes() {
        return bytes;
    }

    private int put(CacheKey key, Entry entry) {
        if (entry.bytes > settings.maxBytes()) {
            return 0;
        }
        Entry previous = entries.put(key, entry);
        if (previous != null) {
            bytes -= previous.bytes;
        }
        bytes += entry.bytes;
        int evicted = 0;
        Iterator<Map.Entry<CacheKey, Entry>> eldest = entries.entrySet().iterator();
        while (entries.size() > settings.maxEntries() || bytes > settings.maxBytes()) {
            Entry out = eldest.next().getValue();
            eldest.remove();
            bytes -= out.bytes;
            evicted++;
        }
        return evicted;
    }

    /** Drops expired entries from the least recently used end, as far as they reach. */
    private int dropExpired(long nowNanos) {
        int dropped = 0;
        Iterator<Map.Entry<CacheKey, Entry>> eldest = entries.entrySet().iterator();
        while (eldest.hasNext()) {
            Entry entry = eldest.next().getValue();
            if (nowNanos - entry.expiresAt < 0) {
                break;
            }
            eldest.remove();
            bytes -= entry.bytes;
            dropped++;
        }
        return dropped;
    }

    private void remove(CacheKey key, Entry entry) {
        entries.remove(key);
        bytes -= entry.bytes;
    }

    private static long weigh(int answerBytes) {
        return (long) answerBytes + ENTRY_OVERHEAD_BYTES;
    }

    /**
     * The answer found for a request (see {@link #claim}) and how many expired entries the lookup
     * dropped.
     */
    record Lookup(CompletableFuture<TaskResult> answer, int evicted) {}

    private record Entry(TaskResult result, long bytes, long expiresAt) {}
}
