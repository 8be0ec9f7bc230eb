package ai.instill.flink.engine;

import ai.instill.flink.client.StatusMapping;
import ai.instill.flink.error.ErrorClass;
import ai.instill.flink.error.ErrorCode;
import ai.instill.flink.error.InstillModelException;
import ai.instill.flink.task.ModelName;
import ai.instill.flink.task.TaskCodec;
import ai.instill.flink.task.TaskInput;
import ai.instill.flink.task.TaskResult;
import ai.instill.flink.task.WireInput;
import com.google.protobuf.Struct;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import org.apache.flink.annotation.Internal;

/**
 * The inference core shared by the DataStream operator and the SQL functions: it validates each
 * record, coalesces records for the same model into trigger calls (micro-batching), keeps the calls
 * in flight under an adaptive limit, retries retryable failures with backoff inside each record's
 * time budget, isolates a record that spoils its batch, and completes one {@link RecordOutcome} per
 * record.
 *
 * <p>A batch waits for more records only while waiting can make it bigger: it leaves when it is
 * full, when every record the surface may hold is already in the engine, when the input has gone
 * quiet or the next record is not expected before the linger ends, and after the linger, which is
 * at most {@code batch.linger} and at most a twentieth of the model's observed latency (but not
 * below the shortest wait). Batches that are not full leave no more often than the call slots can
 * sustain (latency / limit).
 *
 * <p>With the result cache on, a record whose request was answered before is answered from the
 * cache, and one whose request is on its way to the model already waits for that answer. With rate
 * limits, a batch that is ready waits, holding no call slot, until its model's token buckets have
 * its records and its call.
 *
 * <p>It tells the record's faults from the system's: a record that keeps failing while other calls
 * succeed fails on its own, but when every call fails the engine holds its records (a circuit
 * breaker lets one probe call out at a time) and resumes by itself; only an outage longer than
 * {@code outage.fail-after} ends the records, as an outage that stops the job.
 */
@Internal
public final class InferenceEngine implements AutoCloseable {
    private final TaskCodec codec;
    private final ModelCaller caller;
    private final EngineSettings settings;
    private final DelayedExecutor scheduler;
    private final LongSupplier clock;
    private final DoubleSupplier random;
    private final EngineListener listener;

    /** The TaskManager's result cache, or {@code null} when it is off. */
    private final ResultCache cache;

    private final CacheKey.Scope cacheKeys;
    private final RateLimits rateLimits;

    private final Object lock = new Object();
    private final Map<ModelName, ModelQueue> queues = new LinkedHashMap<>();
    private final ConcurrencyLimiter limiter;
    private int queuedRecords;
    private long scheduledWakeUp = Long.MAX_VALUE;
    private boolean closed;

    /** Consecutive calls that failed as the system fails (retryable codes), since a success. */
    private int consecutiveFailures;

    /** When the current run of failed calls began, or -1 while calls succeed. */
    private long failingSinceNanos = -1;

    private long lastSuccessNanos = Long.MIN_VALUE;

    /** When a success last closed the open circuit: records that waited through it get time. */
    private long circuitClosedNanos = Long.MIN_VALUE;

    /** Set once an outage outlasted its limit: every record from then on ends with it. */
    private InstillModelException outage;

    private InstillModelException lastSystemFailure;

    /** Records submitted and not completed yet: queued, in a call or waiting for a retry. */
    private final Set<Pending> outstanding = new HashSet<>();

    private long lastArrivalNanos = Long.MIN_VALUE;

    /** When the last call left. */
    private long lastCallNanos = Long.MIN_VALUE;

    /** Smoothed gap between arrivals (each counted up to {@code batch.linger}); -1 until known. */
    private long arrivalGapNanos = -1;

    /** Smoothed latency of successful calls; -1 until one returned. */
    private long callLatencyNanos = -1;

    /** Failed calls in a row that open the circuit: then one probe call at a time goes out. */
    static final int CIRCUIT_THRESHOLD = 3;

    /** The linger is at most this share of the model's observed latency. */
    static final int LATENCY_PER_LINGER = 20;

    /**
     * The shortest wait for more records, for the linger and for the input to go quiet: a shorter
     * one gathers next to nothing, and a timer on a busy machine fires later than that anyway.
     */
    static final long SHORTEST_WAIT_NANOS = 200_000;

    /**
     * @param cache the TaskManager's result cache, or {@code null} when it is off
     * @param cacheKeys the cache keys of the endpoint and task that {@code caller} calls
     */
    InferenceEngine(
            TaskCodec codec,
            ModelCaller caller,
            EngineSettings settings,
            DelayedExecutor scheduler,
            EngineListener listener,
            ResultCache cache,
            CacheKey.Scope cacheKeys,
            RateLimits rateLimits) {
        this(
                codec,
                caller,
                settings,
                scheduler,
                listener,
                cache,
                cacheKeys,
                rateLimits,
                System::nanoTime,
                () -> ThreadLocalRandom.current().nextDouble());
    }

    InferenceEngine(
            TaskCodec codec,
            ModelCaller caller,
            EngineSettings settings,
            DelayedExecutor scheduler,
            EngineListener listener,
            ResultCache cache,
            CacheKey.Scope cacheKeys,
            RateLimits rateLimits,
            LongSupplier clock,
            DoubleSupplier random) {
        this.codec = codec;
        this.caller = caller;
        this.settings = settings;
        this.scheduler = scheduler;
        this.listener = listener;
        this.cache = cache;
        this.cacheKeys = cacheKeys;
        this.rateLimits = rateLimits;
        this.clock = clock;
        this.random = random;
        this.limiter =
                new ConcurrencyLimiter(
                        settings.maxConcurrentCalls(),
                        settings.adaptiveConcurrency(),
                        settings.backoff().initial().toNanos());
    }

    /**
     * Submits one record. A record that fails validation completes at once with {@link
     * ErrorCode#INVALID_INPUT} and no call; one the result cache answers completes at once with no
     * call (and 0 attempts). {@code timeout} is the record's whole budget, retries included.
     */
    public CompletableFuture<RecordOutcome> submit(
            ModelName model, TaskInput input, Duration timeout) {
        CompletableFuture<RecordOutcome> outcome = new CompletableFuture<>();
        WireInput wire;
        try {
            wire = codec.prepare(input);
        } catch (InstillModelException e) {
            outcome.complete(RecordOutcome.failure(e, 0));
            return outcome;
        }
        long ttl =
                cache == null
                        ? 0
                        : cache.settings().timeToLive(model, codec.deterministic(input)).toNanos();
        if (ttl == 0) {
            admit(model, input, wire, timeout, outcome, null, 0);
            return outcome;
        }
        CacheKey key = cacheKeys.key(model, wire);
        ResultCache.Lookup lookup = cache.claim(key, clock.getAsLong());
        if (lookup.evicted() > 0) {
            listener.cacheEvicted(lookup.evicted());
        }
        if (lookup.answer() == null) {
            listener.cacheMissed();
            admit(model, input, wire, timeout, outcome, key, ttl);
        } else {
            lookup.answer()
                    .thenAccept(
                            result -> {
                                if (result != null) {
                                    listener.cacheHit();
                                    outcome.complete(RecordOutcome.success(result, 0));
                                } else {
                                    // the call it waited for failed: this record makes its own
                                    listener.cacheMissed();
                                    admit(model, input, wire, timeout, outcome, null, 0);
                                }
                            });
        }
        return outcome;
    }

    /**
     * Queues a record for a call; {@code claim}, when set, is its request in the result cache,
     * released with its answer for {@code ttlNanos}.
     */
    private void admit(
            ModelName model,
            TaskInput input,
            WireInput wire,
            Duration timeout,
            CompletableFuture<RecordOutcome> outcome,
            CacheKey claim,
            long ttlNanos) {
        long now = clock.getAsLong();
        Pending pending =
                new Pending(
                        model,
                        codec.decodeNeedsInput() ? input : null,
                        wire,
                        timeout.toNanos(),
                        now,
                        outcome,
                        claim,
                        ttlNanos);
        arrive(pending, now);
        drain();
    }

    /**
     * Records accepted but not yet sent (waiting to fill a batch, for a free call slot, or for a
     * retry).
     */
    public int queuedRecords() {
        synchronized (lock) {
            return queuedRecords;
        }
    }

    public int callsInFlight() {
        synchronized (lock) {
            return limiter.inFlight();
        }
    }

    public int concurrencyLimit() {
        synchronized (lock) {
            return limiter.limit();
        }
    }

    /** Answers in the TaskManager's result cache (shared with its other subtasks); 0 when off. */
    public int cachedEntries() {
        return cache == null ? 0 : cache.entries();
    }

    /** Bytes of the answers in the TaskManager's result cache; 0 when off. */
    public long cachedBytes() {
        return cache == null ? 0 : cache.bytes();
    }

    /** True while every call fails: one probe call at a time, records held. */
    public boolean circuitOpen() {
        synchronized (lock) {
            return consecutiveFailures >= CIRCUIT_THRESHOLD;
        }
    }

    /** Seconds since calls began to fail without a success in between; 0 when healthy. */
    public long outageSeconds() {
        synchronized (lock) {
            return failingSinceNanos < 0
                    ? 0
                    : (clock.getAsLong() - failingSinceNanos) / 1_000_000_000L;
        }
    }

    /**
     * Fails the records still queued as cancelled. Records in a call or waiting for a retry end
     * when their call does, if ever; their claims in the result cache end now, so that records of
     * other subtasks waiting for one of their calls make their own.
     */
    @Override
    public void close() {
        List<Pending> abandoned = new ArrayList<>();
        List<Pending> elsewhere;
        synchronized (lock) {
            closed = true;
            for (ModelQueue queue : queues.values()) {
                abandoned.addAll(queue.items);
            }
            elsewhere = new ArrayList<>(outstanding);
            elsewhere.removeAll(abandoned);
            queues.clear();
            queuedRecords = 0;
        }
        for (Pending pending : abandoned) {
            pending.finish(RecordOutcome.closed(pending.attempts));
        }
        for (Pending pending : elsewhere) {
            pending.releaseClaim(null);
        }
    }

    // ---- queueing and dispatch
    // ---------------------------------------------------------------------------------

    /** A new record: counted and timed as an arrival, then queued. */
    private void arrive(Pending pending, long now) {
        enqueue(pending, now, true);
    }

    private void enqueue(Pending pending, long now) {
        enqueue(pending, now, false);
    }

    private void enqueue(Pending pending, long now, boolean arrival) {
        InstillModelException stopped;
        synchronized (lock) {
            if (arrival) {
                outstanding.add(pending);
                if (lastArrivalNanos != Long.MIN_VALUE) {
                    long gap = Math.min(now - lastArrivalNanos, settings.linger().toNanos());
                    arrivalGapNanos = arrivalGapNanos < 0 ? gap : smooth(arrivalGapNanos, gap);
                }
                lastArrivalNanos = now;
            }
            stopped = outage;
            if (!closed && stopped == null) {
                pending.enqueuedNanos = now;
                queues.computeIfAbsent(pending.model, m -> new ModelQueue(rateLimits.of(m)))
                        .add(pending);
                queuedRecords++;
                return;
            }
        }
        if (stopped != null) {
            pending.finish(RecordOutcome.outage(stopped, pending.attempts));
        } else {
            pending.finish(RecordOutcome.closed(pending.attempts));
        }
    }

    /**
     * Sends every batch that is ready while call slots are free. Safe to call from any thread, any
     * time.
     */
    void drain() {
        List<Batch> ready = new ArrayList<>();
        long wakeUpIn = -1;
        synchronized (lock) {
            long now = clock.getAsLong();
            if (now >= scheduledWakeUp) {
                scheduledWakeUp = Long.MAX_VALUE;
            }
            long earliestLeave = Long.MAX_VALUE;
            Iterator<Map.Entry<ModelName, ModelQueue>> entries = queues.entrySet().iterator();
            while (entries.hasNext()) {
                Map.Entry<ModelName, ModelQueue> entry = entries.next();
                ModelQueue queue = entry.getValue();
                while (!queue.items.isEmpty()
                        && isReady(queue, now)
                        && (consecutiveFailures < CIRCUIT_THRESHOLD || limiter.inFlight() == 0)
                        && limiter.hasRoom()) {
                    // the rate limit before the call slot: a call that waits holds no slot
                    int most = Math.min(queue.rateLimit.maxRecordsPerCall(), firstHalf(queue));
                    int size = queue.nextBatchSize(settings, most);
                    long wait = queue.rateLimit.tryAcquire(size, now);
                    if (wait > 0) {
                        queue.items.peekFirst().rateLimited(now);
                        earliestLeave = Math.min(earliestLeave, now + wait);
                        break;
                    }
                    limiter.tryAcquire();
                    Batch batch = queue.take(entry.getKey(), size);
                    lastCallNanos = now;
                    queuedRecords -= batch.records.size();
                    ready.add(batch);
                }
                if (queue.items.isEmpty()) {
                    entries.remove();
                } else if (!isReady(queue, now)) {
                    earliestLeave = Math.min(earliestLeave, leaveAt(queue.items.peekFirst()));
                }
            }
            // one timer at a time: only schedule when the batch must leave earlier than the timer
            // already set
            if (earliestLeave < scheduledWakeUp && !closed) {
                scheduledWakeUp = earliestLeave;
                wakeUpIn = Math.max(0, earliestLeave - now);
            }
        }
        if (wakeUpIn >= 0) {
            schedule(this::drain, wakeUpIn);
        }
        for (Batch batch : ready) {
            send(batch);
        }
    }

    private void schedule(Runnable task, long delayNanos) {
        try {
            scheduler.schedule(task, delayNanos);
        } catch (RejectedExecutionException e) {
            // the scheduler is shut down: the operator is closing and close() fails what is left
        }
    }

    private boolean isReady(ModelQueue queue, long now) {
        Pending head = queue.items.peekFirst();
        return head.isolated
                || queue.items.size() >= settings.maxBatchSize()
                || queue.bytes >= settings.maxBatchBytes()
                || outstanding.size() >= settings.recordCapacity()
                || now >= leaveAt(head);
    }

    /**
     * Half the records when the surface is full and no call is under way, so that the two halves
     * take turns: one refills while the other is in the model, instead of every record waiting for
     * one call; no limit otherwise.
     */
    private int firstHalf(ModelQueue queue) {
        int queued = queue.items.size();
        boolean atCapacity =
                outstanding.size() >= settings.recordCapacity() && queued < settings.maxBatchSize();
        return atCapacity && queued > 1 && limiter.inFlight() == 0 && limiter.limit() > 1
                ? (queued + 1) / 2
                : Integer.MAX_VALUE;
    }

    /**
     * When the batch that {@code head} starts leaves unless it fills first: when waiting cannot
     * make it bigger, but not before the next call is due.
     */
    private long leaveAt(Pending head) {
        return Math.max(nextCallDue(), doneWaiting(head));
    }

    /**
     * Calls leave no more often than the call slots can sustain (one per latency / limit), so that
     * a stream fills them evenly instead of in waves that leave records waiting for a slot.
     */
    private long nextCallDue() {
        return callLatencyNanos < 0
                ? Long.MIN_VALUE
                : lastCallNanos + callLatencyNanos / limiter.limit();
    }

    /**
     * At once if the next record is not expected before the linger ends, when the input goes quiet,
     * or when the linger ends.
     */
    private long doneWaiting(Pending head) {
        long lingerEnd = head.enqueuedNanos + lingerNanos();
        if (arrivalGapNanos < 0) {
            return lingerEnd;
        }
        if (lastArrivalNanos + arrivalGapNanos >= lingerEnd) {
            return lastArrivalNanos;
        }
        long quietAt = lastArrivalNanos + Math.max(2 * arrivalGapNanos, SHORTEST_WAIT_NANOS);
        return Math.min(lingerEnd, quietAt);
    }

    /**
     * {@code batch.linger}, cut to a share of the model's latency once calls have returned, but not
     * below the shortest wait.
     */
    private long lingerNanos() {
        long linger = settings.linger().toNanos();
        return callLatencyNanos < 0
                ? linger
                : Math.min(
                        linger,
                        Math.max(callLatencyNanos / LATENCY_PER_LINGER, SHORTEST_WAIT_NANOS));
    }

    /** An exponentially weighted moving average that gives the newest sample a weight of 1/8. */
    private static long smooth(long average, long sample) {
        return average + (sample - average) / 8;
    }

    // ---- calls
    // ---------------------------------------------------------------------------------------------

    private void send(Batch batch) {
        long now = clock.getAsLong();
        long rateLimitedSince = batch.records.get(0).rateLimitedSince;
        if (rateLimitedSince != Long.MIN_VALUE) {
            listener.rateLimitWaited(now - rateLimitedSince);
        }
        List<Pending> live = new ArrayList<>(batch.records.size());
        List<Struct> inputs = new ArrayList<>(batch.records.size());
        boolean open;
        long closedAt;
        synchronized (lock) {
            open = consecutiveFailures >= CIRCUIT_THRESHOLD;
            closedAt = circuitClosedNanos;
        }
        for (Pending pending : batch.records) {
            boolean waitedOutAnOutage =
                    open || closedAt > pending.deadlineNanos - pending.budgetNanos;
            if (pending.deadlineNanos <= now && (waitedOutAnOutage || pending.held)) {
                // held through the outage: a fresh budget once calls go out again
                pending.deadlineNanos = now + pending.budgetNanos;
                pending.held = false;
            }
            if (pending.deadlineNanos <= now) {
                pending.fail(timeout(pending));
            } else {
                pending.attempts++;
                live.add(pending);
                inputs.add(pending.wire.struct());
            }
        }
        if (live.isEmpty()) {
            synchronized (lock) {
                limiter.release();
            }
            drain();
            return;
        }
        long earliestDeadline = Long.MAX_VALUE;
        for (Pending pending : live) {
            earliestDeadline = Math.min(earliestDeadline, pending.deadlineNanos);
        }
        long budget = earliestDeadline - now;
        Duration deadline = Duration.ofNanos(Math.min(budget, settings.requestTimeout().toNanos()));
        listener.callStarted(live.size());
        CompletableFuture<List<Struct>> call;
        try {
            call = caller.call(batch.model, inputs, deadline);
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        call.whenComplete((outputs, error) -> onCallDone(batch.model, live, now, outputs, error));
    }

    private void onCallDone(
            ModelName model,
            List<Pending> batch,
            long startNanos,
            List<Struct> outputs,
            Throwable error) {
        long now = clock.getAsLong();
        InstillModelException failure =
                error == null
                        ? null
                        : StatusMapping.toException(error, "Trigger of model " + model);
        listener.callFinished(now - startNanos, failure == null ? null : failure.code());
        finishCall(failure, now, now - startNanos);
        if (failure == null) {
            for (int i = 0; i < batch.size(); i++) {
                Pending pending = batch.get(i);
                try {
                    if (pending.cacheTtlNanos > 0) {
                        // its size counts against the cache's bound; without the cache, no work
                        pending.answerBytes = outputs.get(i).getSerializedSize();
                    }
                    TaskResult result = codec.decode(pending.input, outputs.get(i));
                    pending.finish(RecordOutcome.success(result, pending.attempts));
                } catch (InstillModelException e) {
                    pending.fail(e);
                } catch (RuntimeException e) {
                    pending.fail(
                            new InstillModelException(
                                    ErrorCode.MALFORMED_OUTPUT,
                                    "the answer could not be decoded: " + e,
                                    e));
                }
            }
        } else {
            handleFailure(batch, failure, startNanos, now);
        }
        drain();
    }

    private void finishCall(InstillModelException failure, long now, long latency) {
        synchronized (lock) {
            limiter.release();
            if (failure == null) {
                callLatencyNanos =
                        callLatencyNanos < 0 ? latency : smooth(callLatencyNanos, latency);
                if (consecutiveFailures >= CIRCUIT_THRESHOLD) {
                    circuitClosedNanos = now;
                }
                limiter.onSuccess();
                lastSuccessNanos = now;
                failingSinceNanos = -1;
                consecutiveFailures = 0;
            } else if (failure.isRetryable() && !modelFailedOnIt(failure.code())) {
                consecutiveFailures++;
                lastSystemFailure = failure;
                if (failingSinceNanos < 0) {
                    failingSinceNanos = now;
                    schedule(this::stopIfStillFailing, settings.outageLimit().toNanos());
                }
            }
            if (failure != null
                    && failure.code() == ErrorCode.RESOURCE_EXHAUSTED
                    && limiter.onThrottled(clock.getAsLong())) {
                listener.throttled(limiter.limit());
            }
        }
    }

    /**
     * A failure of the model's run on the inputs (not of the system): for a record sent alone it is
     * the record's after two tries.
     */
    private static boolean modelFailedOnIt(ErrorCode code) {
        return code == ErrorCode.MISSING_OUTPUTS || code == ErrorCode.FAILED_PRECONDITION;
    }

    private void handleFailure(
            List<Pending> batch, InstillModelException failure, long callStartNanos, long now) {
        boolean spoilsBatch =
                failure.code().errorClass() == ErrorClass.BAD_INPUT
                        || modelFailedOnIt(failure.code());
        if (batch.size() > 1 && spoilsBatch) {
            // one record may have spoiled the whole call: send each one alone to find out which
            listener.isolated(batch.size());
            for (Pending pending : batch) {
                pending.isolated = true;
                enqueue(pending, now);
            }
            return;
        }
        if (!failure.isRetryable()) {
            batch.forEach(p -> p.fail(failure));
            return;
        }
        long lastSuccess;
        long failingSince;
        synchronized (lock) {
            lastSuccess = lastSuccessNanos;
            failingSince = failingSinceNanos;
        }
        if (failingSince >= 0 && now - failingSince >= settings.outageLimit().toNanos()) {
            stop(outageFailure(failure, now - failingSince));
            return;
        }
        int retry = batch.stream().mapToInt(p -> p.attempts).max().orElse(1);
        long delay = settings.backoff().delayNanos(retry, random);
        List<Pending> retrying = new ArrayList<>(batch.size());
        // the failure is the record's own only when another call succeeded while this one was
        // out, or the server answered for this record alone: otherwise the system is failing, and
        // the record is held until it recovers or the outage outlasts its limit
        boolean othersSucceeded = lastSuccess >= callStartNanos;
        boolean answeredAlone = batch.size() == 1 && modelFailedOnIt(failure.code());
        for (Pending pending : batch) {
            if (answeredAlone) {
                pending.failuresAlone++;
            }
            if (othersSucceeded || answeredAlone) {
                pending.ownFailures++;
            }
            boolean outOfAttempts =
                    answeredAlone
                            ? pending.failuresAlone >= 2
                            : pending.ownFailures >= settings.maxAttempts();
            boolean outOfTime = now + delay >= pending.deadlineNanos;
            if (outOfAttempts) {
                pending.fail(gaveUp(failure, "after " + pending.attempts + " attempts"));
            } else if (outOfTime && pending.ownFailures >= Math.min(2, settings.maxAttempts())) {
                pending.fail(
                        gaveUp(failure, "the record's timeout leaves no time for another attempt"));
            } else {
                if (outOfTime) {
                    pending.deadlineNanos = now + delay + pending.budgetNanos;
                    pending.held = true;
                }
                retrying.add(pending);
            }
        }
        if (retrying.isEmpty()) {
            return;
        }
        listener.retried(retrying.size());
        schedule(
                () -> {
                    long at = clock.getAsLong();
                    retrying.forEach(p -> enqueue(p, at));
                    drain();
                },
                delay);
    }

    /** The outage timer: stops at the limit, not only when the next failed call returns. */
    private void stopIfStillFailing() {
        InstillModelException failure = null;
        synchronized (lock) {
            long now = clock.getAsLong();
            if (outage == null
                    && failingSinceNanos >= 0
                    && now - failingSinceNanos >= settings.outageLimit().toNanos()) {
                failure = outageFailure(lastSystemFailure, now - failingSinceNanos);
            }
        }
        if (failure != null) {
            stop(failure);
        }
    }

    /**
     * Ends every record, wherever it is (queued, in a call, waiting for a retry), with the outage:
     * the job stops and restarts from its checkpoint, so nothing is lost and nothing reaches the
     * failure policy.
     */
    private void stop(InstillModelException failure) {
        List<Pending> held;
        synchronized (lock) {
            outage = failure;
            held = new ArrayList<>(outstanding);
            queues.clear();
            queuedRecords = 0;
        }
        for (Pending pending : held) {
            pending.finish(RecordOutcome.outage(failure, pending.attempts));
        }
    }

    private InstillModelException outageFailure(InstillModelException last, long nanos) {
        return new InstillModelException(
                last.code(),
                "Instill Model failed every call for "
                        + Duration.ofNanos(nanos).toSeconds()
                        + " s, past the limit 'outage.fail-after' = "
                        + settings.outageLimit()
                        + "; the job fails so that its restart strategy can take over. Last"
                        + " failure: "
                        + last.reason());
    }

    private static InstillModelException gaveUp(InstillModelException last, String why) {
        return new InstillModelException(
                last.code(), last.reason() + " (gave up: " + why + ")", last.getCause());
    }

    private InstillModelException timeout(Pending pending) {
        return new InstillModelException(
                ErrorCode.TIMEOUT,
                "record for model "
                        + pending.model
                        + " ran out of its time budget after "
                        + pending.attempts
                        + " attempt(s) (option 'record-timeout')");
    }

    // ---- state
    // ---------------------------------------------------------------------------------------------

    /**
     * One record on its way: its input (when decoding needs it), its wire form, its budget and its
     * fate.
     */
    private final class Pending {
        final ModelName model;
        final TaskInput input;
        final WireInput wire;
        final int bytes;
        final long budgetNanos;
        final CompletableFuture<RecordOutcome> outcome;
        long deadlineNanos;
        long enqueuedNanos;

        /** Failures while other calls succeeded: the ones that count against the record. */
        int ownFailures;

        int attempts;
        boolean isolated;

        /** Kept past its budget because every call failed; gets a fresh budget when it goes out. */
        boolean held;

        /** Calls made for this record alone that the model answered without its output. */
        int failuresAlone;

        /** Its request in the result cache, claimed until its answer comes; or {@code null}. */
        private CacheKey claim;

        final long cacheTtlNanos;

        /** The wire size of its answer, once it came, when the result cache keeps it. */
        int answerBytes;

        /** When it first waited at the head of its queue for the rate limit, if it did. */
        long rateLimitedSince = Long.MIN_VALUE;

        private boolean finished;

        Pending(
                ModelName model,
                TaskInput input,
                WireInput wire,
                long budgetNanos,
                long now,
                CompletableFuture<RecordOutcome> outcome,
                CacheKey claim,
                long cacheTtlNanos) {
            this.model = model;
            this.input = input;
            this.wire = wire;
            this.bytes = wire.size();
            this.budgetNanos = budgetNanos;
            this.deadlineNanos = now + budgetNanos;
            this.outcome = outcome;
            this.claim = claim;
            this.cacheTtlNanos = cacheTtlNanos;
        }

        void rateLimited(long now) {
            if (rateLimitedSince == Long.MIN_VALUE) {
                rateLimitedSince = now;
            }
        }

        void fail(InstillModelException failure) {
            finish(RecordOutcome.failure(failure, attempts));
        }

        void finish(RecordOutcome result) {
            synchronized (lock) {
                if (finished) {
                    return;
                }
                finished = true;
                outstanding.remove(this);
            }
            releaseClaim(result.succeeded() ? result.result() : null);
            outcome.complete(result);
        }

        /**
         * Ends its claim in the result cache, if it still holds one: keeps {@code result} (when not
         * null) and hands it to the records waiting for it.
         */
        void releaseClaim(TaskResult result) {
            CacheKey held;
            synchronized (lock) {
                held = claim;
                claim = null;
            }
            if (held != null) {
                int evicted =
                        cache.release(held, result, answerBytes, cacheTtlNanos, clock.getAsLong());
                if (evicted > 0) {
                    listener.cacheEvicted(evicted);
                }
            }
        }
    }

    /** The records waiting for one model, with their total encoded size and its rate limit. */
    private static final class ModelQueue {
        final ArrayDeque<Pending> items = new ArrayDeque<>();
        final RateLimit rateLimit;
        long bytes;

        ModelQueue(RateLimit rateLimit) {
            this.rateLimit = rateLimit;
        }

        void add(Pending pending) {
            if (pending.isolated) {
                items.addFirst(pending);
            } else {
                items.addLast(pending);
            }
            bytes += pending.bytes;
        }

        /**
         * How many records the next call takes from the head: one if the head is isolated, else up
         * to the batch's size and bytes and {@code most}, stopping before an isolated one.
         */
        int nextBatchSize(EngineSettings settings, int most) {
            Iterator<Pending> queued = items.iterator();
            Pending head = queued.next();
            if (head.isolated) {
                return 1;
            }
            int count = 1;
            long size = head.bytes;
            int limit = Math.min(settings.maxBatchSize(), most);
            while (count < limit && queued.hasNext()) {
                Pending next = queued.next();
                if (next.isolated || size + next.bytes > settings.maxBatchBytes()) {
                    break;
                }
                count++;
                size += next.bytes;
            }
            return count;
        }

        Batch take(ModelName model, int count) {
            List<Pending> records = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                Pending next = items.pollFirst();
                records.add(next);
                bytes -= next.bytes;
            }
            return new Batch(model, records);
        }
    }

    /** Records that go out in one trigger call. */
    private record Batch(ModelName model, List<Pending> records) {}
}
