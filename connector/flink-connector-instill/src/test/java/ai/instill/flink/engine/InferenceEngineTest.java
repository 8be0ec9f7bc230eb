package ai.instill.flink.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.instill.flink.error.ErrorCode;
import ai.instill.flink.error.InstillModelException;
import ai.instill.flink.server.testing.TestImages;
import ai.instill.flink.task.ClassificationResult;
import ai.instill.flink.task.Image;
import ai.instill.flink.task.ImageInput;
import ai.instill.flink.task.InputLimits;
import ai.instill.flink.task.InstillTask;
import ai.instill.flink.task.ModelName;
import ai.instill.flink.task.TaskCodec;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.awt.Color;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class InferenceEngineTest {
    private static final ModelName MODEL = ModelName.parse("acme/classifier/v1");
    private static final ModelName OTHER = ModelName.parse("acme/other/v1");
    private static final long MS = 1_000_000L;
    private static final Duration OUTAGE_LIMIT = Duration.ofSeconds(60);
    private static final int CAPACITY = 1000;
    private static final byte[] POISON = TestImages.solid(Color.MAGENTA, 3, 3);

    private final ManualTime time = new ManualTime();
    private final FakeCaller caller = new FakeCaller();
    private final List<String> events = new ArrayList<>();

    // ---- batching
    // ---------------------------------------------------------------------------------------------

    @Test
    void fullBatchesLeaveAtOnceAndTheRestWhenTheInputGoesQuiet() {
        InferenceEngine engine = engine(settings(2, 10, 4, 3));
        for (int i = 0; i < 5; i++) {
            engine.submit(MODEL, input(Color.RED), Duration.ofSeconds(10));
        }
        assertThat(caller.batchSizes()).containsExactly(2, 2);
        time.advance(InferenceEngine.SHORTEST_WAIT_NANOS - 1);
        assertThat(caller.batchSizes()).containsExactly(2, 2);
        time.advance(1);
        assertThat(caller.batchSizes()).containsExactly(2, 2, 1);
    }

    @Test
    void whileRecordsKeepComingABatchWaitsUpToItsLinger() {
        InferenceEngine engine = engine(settings(16, 10, 4, 3));
        for (int i = 0; i < 9; i++) {
            engine.submit(MODEL, input(Color.RED), Duration.ofSeconds(10));
            time.advance(MS);
            assertThat(caller.calls).isEmpty();
        }
        // one record a millisecond: the next is not expected before the linger ends
        engine.submit(MODEL, input(Color.RED), Duration.ofSeconds(10));
        assertThat(caller.batchSizes()).containsExactly(10);
    }

    @Test
    void aBatchLeavesWhenTheInputGoesQuiet() {
        InferenceEngine engine = engine(settings(16, 10, 4, 3));
        for (int i = 0; i < 3; i++) {
            engine.submit(MODEL, input(Color.RED), Duration.ofSeconds(10));
            time.advance(MS / 10);
        }
        // the gap was 0.1 ms: quiet after twice that (the shortest wait here) since the last
        time.advance(InferenceEngine.SHORTEST_WAIT_NANOS - MS / 10 - 1);
        assertThat(caller.calls).isEmpty();
        time.advance(1);
        assertThat(caller.batchSizes()).containsExactly(3);
    }

    @Test
    void aRecordLeavesAtOnceWhenTheNextIsNotExpectedBeforeTheLingerEnds() {
        InferenceEngine engine = engine(settings(16, 5, 4, 3));
        engine.submit(MODEL, input(Color.RED), Duration.ofSeconds(10));
        time.advance(8 * MS);
        assertThat(caller.batchSizes()).containsExactly(1);
        engine.submit(MODEL, input(Color.RED), Duration.ofSeconds(10));
        assertThat(caller.batchSizes()).containsExactly(1, 1);
    }

    @Test
    void aBatchLeavesAtOnceWhenTheSurfaceCanHoldNoMoreRecords() {
        InferenceEngine engine = engine(settings(16, 10, 4, 3).withRecordCapacity(3));
        engine.submit(MODEL, input(Color.RED), Duration.ofSeconds(10));
        engine.submit(MODEL, input(Color.RED), Duration.ofSeconds(10));
        assertThat(caller.calls).isEmpty();
        engine.submit(MODEL, input(Color.RED), Duration.ofSeconds(10));
        // in two halves, so that one refills while the other is in the model
        assertThat(caller.batchSizes()).containsExactly(2, 1);

        time.advance(200 * MS);
        // the first half is done: its records' successors wait for company until the surface is
        // full again, and then leave at once, all of them, beside the call still under way
        caller.complete(0);
        engine.submit(MODEL, input(Color.RED), Duration.ofSeconds(10));
        assertThat(caller.batchSizes()).containsExactly(2, 1);
        engine.submit(MODEL, input(Color.RED), Duration.ofSeconds(10));
        assertThat(caller.batchSizes()).containsExactly(2, 1, 2);
    }

    @Test
    void theLingerShrinksToAShareOfTheModelsLatency() {
        InferenceEngine engine = engine(settings(4, 10, 4, 3));
        for (int i = 0; i < 4; i++) {
            engine.submit(MODEL, input(Color.RED), Duration.ofSeconds(10));
        }
        time.advance(40 * MS);
        caller.completeAll(); // a call of 40 ms: the linger becomes 40 / 20 = 2 ms
        engine.submit(MODEL, input(Color.RED), Duration.ofSeconds(10));
        time.advance(2 * MS - 1);
        assertThat(caller.batchSizes()).containsExactly(4);
        time.advance(1);
        assertThat(caller.batchSizes()).containsExactly(4, 1);
    }

    @Test
    void theLingerShrinksNoFurtherThanTheShortestWait() {
        InferenceEngine engine = engine(settings(4, 10, 4, 3));
        for (int i = 0; i < 4; i++) {
            engine.submit(MODEL, input(Color.RED), Duration.ofSeconds(10));
        }
        time.advance(MS);
        caller.completeAll(); // a call of 1 ms: a twentieth would be 0.05 ms
        engine.submit(MODEL, input(Color.RED), Duration.ofSeconds(10));
        time.advance(InferenceEngine.SHORTEST_WAIT_NANOS - 1);
        assertThat(caller.batchSizes()).containsExactly(4);
        time.advance(1);
        assertThat(caller.batchSizes()).containsExactly(4, 1);
    }

    @Test
    void batchesThatAreNotFullLeaveNoMoreOftenThanTheCallSlotsCanSustain() {
        InferenceEngine engine = engine(settings(4, 10, 2, 3));
        for (int i = 0; i < 4; i++) {
            engine.submit(MODEL, input(Color.RED), Duration.ofSeconds(10));
        }
        time.advance(40 * MS);
        caller.completeAll(); // 40 ms a call and 2 slots: a call may leave every 20 ms
        engine.submit(MODEL, input(Color.RED), Duration.ofSeconds(10));
        time.advance(2 * MS); // the linger: 40 ms / 20
        assertThat(caller.batchSizes()).containsExactly(4, 1);
        time.advance(MS);
        engine.submit(MODEL, input(Color.RED), Duration.ofSeconds(10));
        time.advance(19 * MS - 1);
        assertThat(caller.batchSizes()).containsExactly(4, 1);
        time.advance(1);
        assertThat(caller.batchSizes()).containsExactly(4, 1, 1);
    }

    @Test
    void recordsForDifferentModelsNeverShareACall() {
        InferenceEngine engine = engine(settings(8, 5, 4, 3));
        engine.submit(MODEL, input(Color.RED), Duration.ofSeconds(10));
        engine.submit(OTHER, input(Color.RED), Duration.ofSeconds(10));
        engine.submit(MODEL, input(Color.RED), Duration.ofSeconds(10));
        time.advance(5 * MS);
        assertThat(caller.calls)
                .extracting(c -> c.model + "x" + c.inputs.size())
                .containsExactlyInAnyOrder(MODEL + "x2", OTHER + "x1");
    }

    @Test
    void aBatchStopsAtItsByteLimit() {
        int oneRecord =
                TaskCodec.of(InstillTask.CLASSIFICATION, InputLimits.DEFAULT)
                        .prepare(input(Color.RED))
                        .size();
        EngineSettings settings =
                new EngineSettings(
                        10,
                        oneRecord * 2L,
                        Duration.ofMillis(5),
                        4,
                        true,
                        Duration.ofSeconds(5),
                        3,
                        new Backoff(Duration.ofMillis(10), Duration.ofSeconds(1), 2.0),
                        OUTAGE_LIMIT,
                        CAPACITY);
        InferenceEngine engine = engine(settings);
        for (int i = 0; i < 5; i++) {
            engine.submit(MODEL, input(Color.RED), Duration.ofSeconds(10));
        }
        time.advance(5 * MS);
        assertThat(caller.batchSizes()).containsExactly(2, 2, 1);
    }

    @Test
    void eachResultLandsOnTheRecordAtItsPosition() {
        caller.answer = this::echoColours;
        InferenceEngine engine = engine(settings(3, 1, 4, 3));
        var red = engine.submit(MODEL, input(Color.RED), Duration.ofSeconds(10));
        var green = engine.submit(MODEL, input(Color.GREEN), Duration.ofSeconds(10));
        var blue = engine.submit(MODEL, input(Color.BLUE), Duration.ofSeconds(10));
        caller.completeAll();
        assertThat(category(red)).isEqualTo("r255g0b0");
        assertThat(category(green)).isEqualTo("r0g255b0");
        assertThat(category(blue)).isEqualTo("r0g0b255");
    }

    // ---- concurrency
    // --------------------------------------------------------------------------------------------

    @Test
    void neverMoreCallsInFlightThanTheLimitAndTheNextLeavesWhenOneReturns() {
        InferenceEngine engine = engine(settings(1, 0, 2, 3));
        for (int i = 0; i < 5; i++) {
            engine.submit(MODEL, input(Color.RED), Duration.ofSeconds(10));
        }
        assertThat(caller.calls).hasSize(2);
        assertThat(engine.queuedRecords()).isEqualTo(3);
        caller.complete(0);
        assertThat(caller.calls).hasSize(3);
        assertThat(engine.callsInFlight()).isEqualTo(2);
    }

    @Test
    void throttlingHalvesTheLimitAndSuccessesGrowItBack() {
        InferenceEngine engine = engine(settings(1, 0, 8, 10));
        caller.answer =
                inputs -> {
                    throw failure(ErrorCode.RESOURCE_EXHAUSTED);
                };
        for (int i = 0; i < 8; i++) {
            engine.submit(MODEL, input(Color.RED), Duration.ofSeconds(100));
        }
        caller.completeAll();
        assertThat(engine.concurrencyLimit()).isEqualTo(4);
        assertThat(events).contains("throttled:4");

        caller.answer = this::echoColours;
        time.advance(20 * MS); // past the quiet period and every backoff
        caller.completeAll();
        time.advance(20 * MS);
        caller.completeAll();
        assertThat(engine.concurrencyLimit()).isGreaterThan(4);
    }

    // ---- retries
    // ---------------------------------------------------------------------------------------------

    @Test
    void retryableFailuresAreRetriedAfterABackoffUntilTheySucceed() {
        InferenceEngine engine = engine(settings(1, 0, 4, 5));
        List<ErrorCode> script =
                new ArrayList<>(List.of(ErrorCode.UNAVAILABLE, ErrorCode.INTERNAL));
        caller.answer =
                inputs -> {
                    if (!script.isEmpty()) {
                        throw failure(script.remove(0));
                    }
                    return echoColours(inputs);
                };
        var outcome = engine.submit(MODEL, input(Color.RED), Duration.ofSeconds(10));
        caller.completeAll();
        assertThat(outcome).isNotDone();
        time.advance(5 * MS); // first retry waits up to 10 ms, drawn at 0.5
        caller.completeAll();
        time.advance(10 * MS); // second retry waits up to 20 ms
        caller.completeAll();
        assertThat(outcome.join().succeeded()).isTrue();
        assertThat(outcome.join().attempts()).isEqualTo(3);
        assertThat(events).containsSubsequence("retried:1", "retried:1");
    }

    @Test
    void nonRetryableFailuresAreNotRetried() {
        InferenceEngine engine = engine(settings(1, 0, 4, 5));
        caller.answer =
                inputs -> {
                    throw failure(ErrorCode.NOT_FOUND);
                };
        var outcome = engine.submit(MODEL, input(Color.RED), Duration.ofSeconds(10));
        caller.completeAll();
        time.advance(10_000 * MS);
        assertThat(outcome.join().failure().code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(outcome.join().attempts()).isEqualTo(1);
        assertThat(caller.calls).hasSize(1);
    }

    @Test
    void aRecordThatKeepsFailingWhileOthersSucceedFailsOnItsOwnAtMaxAttempts() {
        InferenceEngine engine = engine(settings(1, 0, 4, 3));
        caller.answer = this::failThePoison;
        var poison =
                engine.submit(
                        MODEL, new ImageInput(Image.ofBytes(POISON)), Duration.ofSeconds(100));
        for (int i = 0; i < 6; i++) {
            caller.completeNewestFirst(); // the others succeed while the poison's call is out
            time.advance(1000 * MS);
            engine.submit(MODEL, input(Color.RED), Duration.ofSeconds(100));
        }
        caller.completeNewestFirst();
        assertThat(poison.join().failure().code()).isEqualTo(ErrorCode.UNAVAILABLE);
        // its first call failed before any other call succeeded: it does not count
        assertThat(poison.join().failure()).hasMessageContaining("gave up: after 4 attempts");
        assertThat(poison.join().isSystemFault()).isFalse();
    }

    @Test
    void aRecordOutOfBudgetWhileOthersSucceedFailsOnItsOwn() {
        InferenceEngine engine = engine(settings(1, 0, 4, 100));
        caller.answer = this::failThePoison;
        var poison =
                engine.submit(MODEL, new ImageInput(Image.ofBytes(POISON)), Duration.ofMillis(30));
        for (int i = 0; i < 40; i++) {
            caller.completeNewestFirst(); // the others succeed while the poison's call is out
            time.advance(5 * MS);
            engine.submit(MODEL, input(Color.RED), Duration.ofSeconds(100));
        }
        caller.completeNewestFirst();
        assertThat(poison.join().failure().code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(poison.join().failure()).hasMessageContaining("timeout");
    }

    // ---- outages
    // ---------------------------------------------------------------------------------------------

    @Test
    void whenEveryCallFailsRecordsAreHeldPastTheirAttemptsAndBudgetAndResumeAfterwards() {
        InferenceEngine engine = engine(settings(1, 0, 4, 3));
        caller.answer =
                inputs -> {
                    throw failure(ErrorCode.UNAVAILABLE);
                };
        var held = engine.submit(MODEL, input(Color.RED), Duration.ofMillis(500));
        var other = engine.submit(MODEL, input(Color.BLUE), Duration.ofMillis(500));
        for (int i = 0; i < 20; i++) {
            caller.completeAll();
            time.advance(1000 * MS);
            if (i >= 3) { // the circuit is open: one probe call at a time
                assertThat(engine.callsInFlight()).isLessThanOrEqualTo(1);
            }
        }
        assertThat(held).isNotDone();
        assertThat(other).isNotDone();
        assertThat(engine.circuitOpen()).isTrue();
        assertThat(engine.outageSeconds()).isGreaterThanOrEqualTo(19);

        caller.answer = this::echoColours;
        for (int i = 0; i < 3; i++) {
            caller.completeAll();
            time.advance(1000 * MS);
        }
        assertThat(held.join().succeeded()).isTrue();
        assertThat(other.join().succeeded()).isTrue();
        assertThat(engine.circuitOpen()).isFalse();
        assertThat(engine.outageSeconds()).isZero();
    }

    @Test
    void anOutagePastItsLimitEndsEveryRecordAsTheSystemsFault() {
        InferenceEngine engine = engine(settings(1, 0, 4, 3));
        caller.answer =
                inputs -> {
                    throw failure(ErrorCode.UNAVAILABLE);
                };
        var held = engine.submit(MODEL, input(Color.RED), Duration.ofSeconds(1));
        for (int i = 0; i < 70; i++) {
            caller.completeAll();
            time.advance(1000 * MS);
        }
        assertThat(held.join().outage()).isTrue();
        assertThat(held.join().isSystemFault()).isTrue();
        assertThat(held.join().failure()).hasMessageContaining("outage.fail-after");
        var late = engine.submit(MODEL, input(Color.RED), Duration.ofSeconds(1));
        assertThat(late.join().outage()).isTrue();
    }

    @Test
    void anOutageEndsEveryRecordAtItsLimitEvenOnesInACallThatHasNotReturned() {
        InferenceEngine engine = engine(settings(1, 0, 4, 3));
        caller.answer =
                inputs -> {
                    throw failure(ErrorCode.UNAVAILABLE);
                };
        var first = engine.submit(MODEL, input(Color.RED), Duration.ofSeconds(1));
        caller.completeAll(); // calls fail from now on
        var stuck = engine.submit(MODEL, input(Color.BLUE), Duration.ofSeconds(1));
        time.advance(OUTAGE_LIMIT.toNanos() - 1);
        assertThat(first).isNotDone();
        assertThat(stuck).isNotDone();
        time.advance(1);
        assertThat(first.join().outage()).isTrue();
        assertThat(stuck.join().outage()).isTrue();
        assertThat(stuck.join().failure()).hasMessageContaining("outage.fail-after");
    }

    @Test
    void aWrongSetupIsTheSystemsFault() {
        InferenceEngine engine = engine(settings(1, 0, 4, 3));
        caller.answer =
                inputs -> {
                    throw failure(ErrorCode.UNAUTHENTICATED);
                };
        var outcome = engine.submit(MODEL, input(Color.RED), Duration.ofSeconds(1));
        caller.completeAll();
        assertThat(outcome.join().isSystemFault()).isTrue();
        assertThat(caller.calls).hasSize(1);
    }

    @Test
    void anIsolatedRecordAnsweredWithoutOutputsFailsAfterTwoTriesAlone() {
        InferenceEngine engine = engine(settings(3, 1, 4, 10));
        caller.answer =
                inputs -> {
                    if (inputs.stream().anyMatch(this::isPoison)) {
                        throw failure(ErrorCode.MISSING_OUTPUTS);
                    }
                    return echoColours(inputs);
                };
        engine.submit(MODEL, input(Color.RED), Duration.ofSeconds(10));
        var poison =
                engine.submit(MODEL, new ImageInput(Image.ofBytes(POISON)), Duration.ofSeconds(10));
        engine.submit(MODEL, input(Color.BLUE), Duration.ofSeconds(10));
        for (int i = 0; i < 5; i++) {
            caller.completeAll();
            time.advance(1000 * MS);
        }
        assertThat(poison.join().failure().code()).isEqualTo(ErrorCode.MISSING_OUTPUTS);
        assertThat(poison.join().attempts()).as("once in its batch, twice alone").isEqualTo(3);
        assertThat(poison.join().isSystemFault()).isFalse();
    }

    private List<Struct> failThePoison(List<Struct> inputs) {
        if (inputs.stream().anyMatch(this::isPoison)) {
            throw failure(ErrorCode.UNAVAILABLE);
        }
        return echoColours(inputs);
    }

    @Test
    void eachCallsDeadlineIsBoundedByTheRecordsRemainingBudget() {
        InferenceEngine engine = engine(settings(1, 0, 4, 3));
        engine.submit(MODEL, input(Color.RED), Duration.ofMillis(700));
        assertThat(caller.calls.get(0).deadline).isEqualTo(Duration.ofMillis(700));
    }

    @Test
    void aRecordThatWaitsPastItsBudgetTimesOutWithoutACall() {
        InferenceEngine engine = engine(settings(1, 0, 1, 3));
        engine.submit(MODEL, input(Color.RED), Duration.ofSeconds(10));
        var late = engine.submit(MODEL, input(Color.RED), Duration.ofMillis(5));
        time.advance(6 * MS);
        caller.completeAll();
        assertThat(late.join().failure().code()).isEqualTo(ErrorCode.TIMEOUT);
        assertThat(late.join().attempts()).isZero();
        assertThat(caller.calls).hasSize(1);
    }

    // ---- bad input
    // ---------------------------------------------------------------------------------------------

    @Test
    void invalidInputFailsAtOnceWithoutACall() {
        InferenceEngine engine = engine(settings(4, 1, 4, 3));
        var outcome =
                engine.submit(
                        MODEL,
                        new ImageInput(Image.ofBytes(new byte[] {1, 2, 3})),
                        Duration.ofSeconds(1));
        assertThat(outcome.join().failure().code()).isEqualTo(ErrorCode.INVALID_INPUT);
        assertThat(outcome.join().attempts()).isZero();
        time.advance(10 * MS);
        assertThat(caller.calls).isEmpty();
    }

    @Test
    void aRecordThatSpoilsItsBatchIsIsolatedAndItsNeighboursSucceed() {
        InferenceEngine engine = engine(settings(3, 1, 4, 5));
        caller.answer =
                inputs -> {
                    if (inputs.size() > 1 && inputs.stream().anyMatch(this::isPoison)) {
                        throw failure(ErrorCode.INVALID_ARGUMENT);
                    }
                    if (inputs.stream().anyMatch(this::isPoison)) {
                        throw failure(ErrorCode.INVALID_ARGUMENT);
                    }
                    return echoColours(inputs);
                };
        var a = engine.submit(MODEL, input(Color.RED), Duration.ofSeconds(10));
        var poison =
                engine.submit(MODEL, new ImageInput(Image.ofBytes(POISON)), Duration.ofSeconds(10));
        var b = engine.submit(MODEL, input(Color.BLUE), Duration.ofSeconds(10));
        caller.completeAll();
        caller.completeAll();
        assertThat(caller.batchSizes()).containsExactly(3, 1, 1, 1);
        assertThat(a.join().succeeded()).isTrue();
        assertThat(b.join().succeeded()).isTrue();
        assertThat(poison.join().failure().code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        assertThat(events).contains("isolated:3");
    }

    @Test
    void aMalformedAnswerFailsOnlyItsRecord() {
        InferenceEngine engine = engine(settings(2, 1, 4, 3));
        caller.answer =
                inputs ->
                        List.of(
                                output("fine"),
                                Struct.newBuilder()
                                        .putFields(
                                                "data",
                                                Value.newBuilder()
                                                        .setStringValue("not an object")
                                                        .build())
                                        .build());
        var ok = engine.submit(MODEL, input(Color.RED), Duration.ofSeconds(10));
        var bad = engine.submit(MODEL, input(Color.RED), Duration.ofSeconds(10));
        caller.completeAll();
        assertThat(ok.join().succeeded()).isTrue();
        assertThat(bad.join().failure().code()).isEqualTo(ErrorCode.MALFORMED_OUTPUT);
    }

    @Test
    void closingFailsWhatIsStillQueuedAsTheSystemsFaultNotTheRecords() {
        InferenceEngine engine = engine(settings(10, 1000, 4, 3));
        var waiting = engine.submit(MODEL, input(Color.RED), Duration.ofSeconds(10));
        engine.close();
        assertThat(waiting.join().failure().code()).isEqualTo(ErrorCode.CANCELLED);
        assertThat(waiting.join().isSystemFault())
                .as("a job that fails elsewhere must not dead-letter this subtask's records")
                .isTrue();
        var late = engine.submit(MODEL, input(Color.RED), Duration.ofSeconds(10));
        assertThat(late.join().isSystemFault()).isTrue();
    }

    // ---- result cache
    // ---------------------------------------------------------------------------------------------

    @Test
    void aRequestAnsweredBeforeIsAnsweredFromTheCacheWithoutACall() {
        InferenceEngine engine = engine(settings(1, 0, 4, 3), cache(), RateLimitSettings.NONE);
        caller.answer = this::echoColours;
        var first = engine.submit(MODEL, input(Color.RED), Duration.ofSeconds(10));
        caller.completeAll();
        var again = engine.submit(MODEL, input(Color.RED), Duration.ofSeconds(10));
        var other = engine.submit(MODEL, input(Color.BLUE), Duration.ofSeconds(10));

        assertThat(again).isDone();
        assertThat(again.join().attempts()).isZero();
        assertThat(category(again)).isEqualTo(category(first)).isEqualTo("r255g0b0");
        assertThat(other).isNotDone();
        assertThat(caller.calls).hasSize(2);
        assertThat(events).containsExactly("miss", "hit", "miss");
        assertThat(engine.cachedEntries()).isEqualTo(1);
        assertThat(engine.cachedBytes()).isGreaterThan(ResultCache.ENTRY_OVERHEAD_BYTES);
    }

    @Test
    void theSameRequestArrivingWhileItIsInFlightWaitsForThatCall() {
        InferenceEngine engine = engine(settings(16, 10, 4, 3), cache(), RateLimitSettings.NONE);
        caller.answer = this::echoColours;
        List<CompletableFuture<RecordOutcome>> outcomes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            outcomes.add(engine.submit(MODEL, input(Color.RED), Duration.ofSeconds(10)));
        }
        time.advance(10 * MS);
        assertThat(caller.batchSizes()).containsExactly(1);
        caller.completeAll();
        assertThat(outcomes).allSatisfy(o -> assertThat(category(o)).isEqualTo("r255g0b0"));
        assertThat(events).containsExactly("miss", "hit", "hit", "hit");
    }

    @Test
    void whenTheCallItWaitedForFailsARecordMakesItsOwn() {
        InferenceEngine engine = engine(settings(1, 0, 4, 3), cache(), RateLimitSettings.NONE);
        var first = engine.submit(MODEL, input(Color.RED), Duration.ofSeconds(10));
        var second = engine.submit(MODEL, input(Color.RED), Duration.ofSeconds(10));
        caller.calls.get(0).result().completeExceptionally(failure(ErrorCode.INVALID_ARGUMENT));

        assertThat(first.join().succeeded()).isFalse();
        assertThat(second).isNotDone();
        assertThat(caller.calls).hasSize(2);
        caller.completeAll();
        assertThat(category(second)).isEqualTo("fine");
        assertThat(events).containsExactly("miss", "miss");
    }

    @Test
    void aCachedAnswerIsReusedForItsTimeToLiveOnly() {
        InferenceEngine engine = engine(settings(1, 0, 4, 3), cache(), RateLimitSettings.NONE);
        engine.submit(MODEL, input(Color.RED), Duration.ofSeconds(10));
        caller.completeAll();
        time.advance(Duration.ofHours(1).toNanos() - 1);
        assertThat(engine.submit(MODEL, input(Color.RED), Duration.ofSeconds(10))).isDone();
        time.advance(1);
        assertThat(engine.submit(MODEL, input(Color.RED), Duration.ofSeconds(10))).isNotDone();
        assertThat(events).containsExactly("miss", "hit", "evicted:1", "miss");
        assertThat(caller.calls).hasSize(2);
    }

    @Test
    void anUnpinnedModelIsNotCachedWhenItsTtlIsZero() {
        ResultCache cache =
                new ResultCache(
                        new CacheSettings(
                                true, 100, 1 << 20, Duration.ofHours(1), Duration.ZERO, false));
        InferenceEngine engine = engine(settings(1, 0, 4, 3), cache, RateLimitSettings.NONE);
        ModelName latest = ModelName.parse("acme/classifier");
        engine.submit(latest, input(Color.RED), Duration.ofSeconds(10));
        caller.completeAll();
        engine.submit(latest, input(Color.RED), Duration.ofSeconds(10));
        assertThat(caller.calls).hasSize(2);
        assertThat(events).isEmpty();
        assertThat(engine.cachedEntries()).isZero();
    }

    @Test
    void closingAnEngineLetsTheRecordsOfAnotherThatWaitForItsCallGoOn() {
        ResultCache shared = cache();
        InferenceEngine closing = engine(settings(1, 0, 4, 3), shared, RateLimitSettings.NONE);
        FakeCaller otherCaller = new FakeCaller();
        InferenceEngine other =
                engine(settings(1, 0, 4, 3), shared, RateLimitSettings.NONE, otherCaller);
        var inCall = closing.submit(MODEL, input(Color.RED), Duration.ofSeconds(10));
        var waiting = other.submit(MODEL, input(Color.RED), Duration.ofSeconds(10));
        assertThat(otherCaller.calls).isEmpty();

        closing.close();
        assertThat(inCall).as("a record in a call ends with its call").isNotDone();
        assertThat(otherCaller.calls).hasSize(1);
        otherCaller.completeAll();
        assertThat(category(waiting)).isEqualTo("fine");
    }

    // ---- rate limits
    // ---------------------------------------------------------------------------------------------

    @Test
    void callsBeyondTheRateWaitForTheirTurnHoldingNoCallSlot() {
        InferenceEngine engine = engine(settings(1, 0, 8, 3), null, new RateLimitSettings(0, 2));
        List<CompletableFuture<RecordOutcome>> outcomes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            outcomes.add(engine.submit(MODEL, input(Color.RED), Duration.ofSeconds(10)));
        }
        assertThat(caller.calls).hasSize(2); // the burst: one second's worth
        assertThat(engine.callsInFlight()).isEqualTo(2);
        assertThat(engine.queuedRecords()).isEqualTo(3);
        time.advance(500 * MS - 1);
        assertThat(caller.calls).hasSize(2);
        time.advance(1);
        assertThat(caller.calls).hasSize(3);
        time.advance(1000 * MS);
        assertThat(caller.calls).hasSize(5);
        caller.completeAll();
        assertThat(outcomes).allSatisfy(o -> assertThat(o.join().succeeded()).isTrue());
        assertThat(events)
                .as("each call waited from when it reached the head of the queue")
                .containsExactly("rate-limited:500ms", "rate-limited:500ms", "rate-limited:500ms");
    }

    @Test
    void aCallCarriesNoMoreRecordsThanTheRateAllowsAndNoRecordIsLost() {
        InferenceEngine engine = engine(settings(16, 1, 4, 3), null, new RateLimitSettings(3, 0));
        List<CompletableFuture<RecordOutcome>> outcomes = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            outcomes.add(engine.submit(MODEL, input(Color.RED), Duration.ofSeconds(10)));
        }
        time.advance(MS);
        assertThat(caller.batchSizes()).containsExactly(3);
        time.advance(1000 * MS);
        assertThat(caller.batchSizes()).containsExactly(3, 3);
        time.advance(1000 * MS);
        caller.completeAll();
        assertThat(caller.batchSizes()).containsExactly(3, 3, 1);
        assertThat(outcomes).allSatisfy(o -> assertThat(o.join().succeeded()).isTrue());
    }

    @Test
    void subtasksCallingOneModelShareItsRate() {
        RateLimits shared =
                new RateLimits(
                        RateLimits.registry(time::now),
                        new RateLimitSettings(0, 1),
                        "http://localhost:1");
        FakeCaller otherCaller = new FakeCaller();
        InferenceEngine one = engine(settings(1, 0, 4, 3), null, shared, caller);
        InferenceEngine two = engine(settings(1, 0, 4, 3), null, shared, otherCaller);
        one.submit(MODEL, input(Color.RED), Duration.ofSeconds(10));
        two.submit(MODEL, input(Color.RED), Duration.ofSeconds(10));
        two.submit(OTHER, input(Color.RED), Duration.ofSeconds(10));
        assertThat(caller.calls).hasSize(1);
        assertThat(otherCaller.calls).as("another model has a rate of its own").hasSize(1);
        time.advance(1000 * MS);
        assertThat(otherCaller.calls).hasSize(2);
    }

    // ---- fixtures
    // ---------------------------------------------------------------------------------------------

    private InferenceEngine engine(EngineSettings settings) {
        return engine(settings, null, RateLimitSettings.NONE);
    }

    /**
     * An engine on the hand-driven clock with its own result cache (none if {@code cache} is null)
     * and rate limits, shared with nothing else.
     */
    private InferenceEngine engine(
            EngineSettings settings, ResultCache cache, RateLimitSettings rates) {
        return engine(settings, cache, rates, caller);
    }

    private InferenceEngine engine(
            EngineSettings settings,
            ResultCache cache,
            RateLimitSettings rates,
            FakeCaller modelCaller) {
        return engine(
                settings,
                cache,
                new RateLimits(RateLimits.registry(time::now), rates, "http://localhost:1"),
                modelCaller);
    }

    private InferenceEngine engine(
            EngineSettings settings,
            ResultCache cache,
            RateLimits rateLimits,
            FakeCaller modelCaller) {
        EngineListener listener =
                new EngineListener() {
                    @Override
                    public void retried(int records) {
                        events.add("retried:" + records);
                    }

                    @Override
                    public void throttled(int newLimit) {
                        events.add("throttled:" + newLimit);
                    }

                    @Override
                    public void isolated(int records) {
                        events.add("isolated:" + records);
                    }

                    @Override
                    public void cacheHit() {
                        events.add("hit");
                    }

                    @Override
                    public void cacheMissed() {
                        events.add("miss");
                    }

                    @Override
                    public void cacheEvicted(int entries) {
                        events.add("evicted:" + entries);
                    }

                    @Override
                    public void rateLimitWaited(long nanos) {
                        events.add("rate-limited:" + nanos / MS + "ms");
                    }
                };
        return new InferenceEngine(
                TaskCodec.of(InstillTask.CLASSIFICATION, InputLimits.DEFAULT),
                modelCaller,
                settings,
                time,
                listener,
                cache,
                CacheKey.scope("http://localhost:1", InstillTask.CLASSIFICATION),
                rateLimits,
                time::now,
                () -> 0.5);
    }

    private static EngineSettings settings(
            int batch, long lingerMillis, int concurrency, int attempts) {
        return new EngineSettings(
                batch,
                64L << 20,
                Duration.ofMillis(lingerMillis),
                concurrency,
                true,
                Duration.ofSeconds(5),
                attempts,
                new Backoff(Duration.ofMillis(10), Duration.ofSeconds(1), 2.0),
                OUTAGE_LIMIT,
                CAPACITY);
    }

    /** A result cache of the defaults but switched on, shared with nothing else. */
    private static ResultCache cache() {
        return new ResultCache(
                new CacheSettings(
                        true, 10_000, 64 << 20, Duration.ofHours(1), Duration.ofMinutes(1), false));
    }

    private static ImageInput input(Color color) {
        return new ImageInput(Image.ofBytes(TestImages.solid(color, 2, 2)));
    }

    private boolean isPoison(Struct input) {
        String base64 =
                input.getFieldsOrThrow("data")
                        .getStructValue()
                        .getFieldsOrThrow("image-base64")
                        .getStringValue();
        return java.util.Arrays.equals(java.util.Base64.getDecoder().decode(base64), POISON);
    }

    /** Answers each input with a category naming the colour of its top-left pixel. */
    private List<Struct> echoColours(List<Struct> inputs) {
        List<Struct> outputs = new ArrayList<>();
        for (Struct input : inputs) {
            String base64 =
                    input.getFieldsOrThrow("data")
                            .getStructValue()
                            .getFieldsOrThrow("image-base64")
                            .getStringValue();
            try {
                var image =
                        javax.imageio.ImageIO.read(
                                new java.io.ByteArrayInputStream(
                                        java.util.Base64.getDecoder().decode(base64)));
                Color c = new Color(image.getRGB(0, 0));
                outputs.add(output("r" + c.getRed() + "g" + c.getGreen() + "b" + c.getBlue()));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return outputs;
    }

    private static Struct output(String category) {
        Struct data =
                Struct.newBuilder()
                        .putFields("category", Value.newBuilder().setStringValue(category).build())
                        .putFields("score", Value.newBuilder().setNumberValue(0.9).build())
                        .build();
        return Struct.newBuilder()
                .putFields("data", Value.newBuilder().setStructValue(data).build())
                .build();
    }

    private static InstillModelException failure(ErrorCode code) {
        return new InstillModelException(code, "injected");
    }

    private static String category(CompletableFuture<RecordOutcome> outcome) {
        return ((ClassificationResult) outcome.join().result()).category();
    }

    /**
     * A model caller whose calls stay open until the test completes them with the scripted answer.
     */
    private static final class FakeCaller implements ModelCaller {
        final List<Call> calls = new ArrayList<>();
        Function<List<Struct>, List<Struct>> answer =
                inputs -> inputs.stream().map(i -> output("fine")).toList();

        record Call(
                ModelName model,
                List<Struct> inputs,
                Duration deadline,
                CompletableFuture<List<Struct>> result) {}

        @Override
        public CompletableFuture<List<Struct>> call(
                ModelName model, List<Struct> inputs, Duration deadline) {
            CompletableFuture<List<Struct>> result = new CompletableFuture<>();
            calls.add(new Call(model, inputs, deadline, result));
            return result;
        }

        List<Integer> batchSizes() {
            return calls.stream().map(c -> c.inputs.size()).toList();
        }

        void complete(int index) {
            Call call = calls.get(index);
            try {
                call.result.complete(answer.apply(call.inputs));
            } catch (RuntimeException e) {
                call.result.completeExceptionally(e);
            }
        }

        /** Completes the calls still out, the last one sent first. */
        void completeNewestFirst() {
            for (int i = calls.size() - 1; i >= 0; i--) {
                if (!calls.get(i).result.isDone()) {
                    complete(i);
                }
            }
        }

        /** Completes every call that is still open, including ones opened while doing so. */
        void completeAll() {
            for (int i = 0; i < calls.size(); i++) {
                if (!calls.get(i).result.isDone()) {
                    complete(i);
                }
            }
        }
    }
}
