package ai.instill.flink.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.instill.flink.task.ClassificationResult;
import ai.instill.flink.task.ImageInput;
import ai.instill.flink.task.InputLimits;
import ai.instill.flink.task.InstillTask;
import ai.instill.flink.task.ModelName;
import ai.instill.flink.task.TaskCodec;
import ai.instill.flink.task.TaskResult;
import ai.instill.flink.task.testutils.TaskSamples;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ResultCacheTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long TTL = 60 * SECOND;
    private static final int ANSWER_BYTES = 40;
    private static final long ENTRY_BYTES = ANSWER_BYTES + ResultCache.ENTRY_OVERHEAD_BYTES;

    @Test
    void aReleasedAnswerIsAHitUntilItsTimeToLiveEnds() {
        ResultCache cache = cache(10, 1 << 20);
        assertThat(cache.claim(key(0), 0).answer()).as("a miss claims").isNull();
        assertThat(cache.release(key(0), result(0), ANSWER_BYTES, TTL, 0)).isZero();

        CompletableFuture<TaskResult> hit = cache.claim(key(0), TTL - 1).answer();
        assertThat(hit).isCompletedWithValue(result(0));
        assertThat(cache.entries()).isEqualTo(1);
        assertThat(cache.bytes()).isEqualTo(ENTRY_BYTES);

        ResultCache.Lookup expired = cache.claim(key(0), TTL);
        assertThat(expired.answer()).isNull();
        assertThat(expired.evicted()).isEqualTo(1);
        assertThat(cache.entries()).isZero();
        assertThat(cache.bytes()).isZero();
    }

    @Test
    void theLeastRecentlyUsedLeaveWhenEntriesRunOut() {
        ResultCache cache = cache(3, 1 << 20);
        for (int i = 0; i < 3; i++) {
            put(cache, i, 0);
        }
        cache.claim(key(0), 1); // 0 is now the most recently used
        assertThat(put(cache, 3, 2)).as("evicted").isEqualTo(1);
        assertThat(cache.claim(key(1), 3).answer()).as("1 left").isNull();
        assertThat(cache.claim(key(0), 3).answer()).isCompletedWithValue(result(0));
        assertThat(cache.claim(key(2), 3).answer()).isCompletedWithValue(result(2));
        assertThat(cache.entries()).isEqualTo(3);
    }

    @Test
    void theLeastRecentlyUsedLeaveWhenBytesRunOut() {
        ResultCache cache = cache(1000, 3 * ENTRY_BYTES + 10);
        for (int i = 0; i < 3; i++) {
            put(cache, i, 0);
        }
        assertThat(put(cache, 3, 0)).isEqualTo(1);
        assertThat(cache.bytes()).isEqualTo(3 * ENTRY_BYTES);
        assertThat(cache.claim(key(0), 0).answer()).isNull();
    }

    @Test
    void anAnswerLargerThanTheWholeCacheIsNotKept() {
        ResultCache cache = cache(10, 100);
        cache.claim(key(0), 0);
        assertThat(cache.release(key(0), result(0), 1000, TTL, 0)).isZero();
        assertThat(cache.entries()).isZero();
    }

    @Test
    void expiredEntriesLeaveAsNewOnesComeIn() {
        ResultCache cache = cache(10, 1 << 20);
        put(cache, 0, 0);
        put(cache, 1, 0);
        assertThat(put(cache, 2, TTL)).as("both expired ones dropped").isEqualTo(2);
        assertThat(cache.entries()).isEqualTo(1);
    }

    @Test
    void aRequestArrivingWhileTheSameIsInFlightWaitsForItsAnswer() {
        ResultCache cache = cache(10, 1 << 20);
        assertThat(cache.claim(key(0), 0).answer()).isNull();
        CompletableFuture<TaskResult> second = cache.claim(key(0), 0).answer();
        CompletableFuture<TaskResult> third = cache.claim(key(0), 0).answer();
        assertThat(second).isNotDone().isSameAs(third);

        cache.release(key(0), result(0), ANSWER_BYTES, TTL, 0);
        assertThat(second).isCompletedWithValue(result(0));
    }

    @Test
    void whenTheClaimedCallFailsTheWaitersLearnItAndNothingIsKept() {
        ResultCache cache = cache(10, 1 << 20);
        cache.claim(key(0), 0);
        CompletableFuture<TaskResult> waiting = cache.claim(key(0), 0).answer();
        cache.release(key(0), null, 0, TTL, 0);
        assertThat(waiting).isCompletedWithValue(null);
        assertThat(cache.entries()).isZero();
        assertThat(cache.claim(key(0), 0).answer()).as("claimable again").isNull();
    }

    private static int put(ResultCache cache, int i, long now) {
        cache.claim(key(i), now);
        return cache.release(key(i), result(i), ANSWER_BYTES, TTL, now);
    }

    private static ResultCache cache(int entries, long bytes) {
        return new ResultCache(
                new CacheSettings(
                        true, entries, bytes, Duration.ofSeconds(60), Duration.ZERO, false));
    }

    private static final CacheKey.Scope KEYS =
            CacheKey.scope("http://localhost:1", InstillTask.CLASSIFICATION);
    private static final TaskCodec CODEC =
            TaskCodec.of(InstillTask.CLASSIFICATION, InputLimits.DEFAULT);

    /** A key per number: the same image asked of a model named after the number. */
    private static CacheKey key(int i) {
        return KEYS.key(
                ModelName.parse("acme/m" + i + "/v1"),
                CODEC.prepare(ImageInput.of(TaskSamples.image())));
    }

    private static ClassificationResult result(int i) {
        return new ClassificationResult("category-" + i, 0.5);
    }
}
