package ai.instill.flink.server;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Thread-safe counters of the trigger calls one served model received, for tests and benchmarks to
 * read. A call counts from its receipt (after auth and model lookup) until its answer is sent.
 */
public final class ModelStats {

    /** {@link #inputsPerCall()} keeps at most this many of the most recent calls. */
    public static final int MAX_RECORDED_CALLS = 1_000_000;

    private long calls;
    private long inputs;
    private long failedCalls;
    private final Deque<Integer> inputsPerCall = new ArrayDeque<>();
    private int maxInputsPerCall;
    private int concurrentCalls;
    private int peakConcurrentCalls;
    private Map<String, Integer> lastHeaderCounts = Map.of();

    /** Trigger calls received. */
    public synchronized long calls() {
        return calls;
    }

    /** Task inputs received over all trigger calls. */
    public synchronized long inputs() {
        return inputs;
    }

    /** Trigger calls answered with a non-OK status (rejected inputs and injected errors). */
    public synchronized long failedCalls() {
        return failedCalls;
    }

    /** The number of inputs of each trigger call, in arrival order. */
    public synchronized List<Integer> inputsPerCall() {
        return List.copyOf(new ArrayList<>(inputsPerCall));
    }

    public synchronized int maxInputsPerCall() {
        return maxInputsPerCall;
    }

    /** Trigger calls received but not answered yet. */
    public synchronized int concurrentCalls() {
        return concurrentCalls;
    }

    /** The highest number of trigger calls in flight at the same time. */
    public synchronized int peakConcurrentCalls() {
        return peakConcurrentCalls;
    }

    /**
     * How many values each of the headers {@code authorization}, {@code instill-user-uid}, {@code
     * instill-auth-type} and {@code instill-requester-uid} had on the latest call that addressed
     * this model (counts only, never values).
     */
    public synchronized Map<String, Integer> lastHeaderCounts() {
        return lastHeaderCounts;
    }

    public synchronized void reset() {
        calls = 0;
        inputs = 0;
        failedCalls = 0;
        inputsPerCall.clear();
        maxInputsPerCall = 0;
        concurrentCalls = 0;
        peakConcurrentCalls = 0;
        lastHeaderCounts = Map.of();
    }

    synchronized void callStarted(int inputCount) {
        calls++;
        inputs += inputCount;
        if (inputsPerCall.size() == MAX_RECORDED_CALLS) {
            inputsPerCall.removeFirst();
        }
        inputsPerCall.addLast(inputCount);
        maxInputsPerCall = Math.max(maxInputsPerCall, inputCount);
        concurrentCalls++;
        peakConcurrentCalls = Math.max(peakConcurrentCalls, concurrentCalls);
    }

    synchronized void callFinished(boolean ok) {
        concurrentCalls = Math.max(0, concurrentCalls - 1);
        if (!ok) {
            failedCalls++;
        }
    }

    synchronized void headersSeen(Map<String, Integer> counts) {
        lastHeaderCounts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }
}
