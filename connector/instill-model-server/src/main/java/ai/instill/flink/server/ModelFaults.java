package ai.instill.flink.server;

import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.Random;

/**
 * The misbehaviour injected into one served model, changeable at any time from any thread. Per
 * trigger call the settings apply in this order: cold start (the first call after {@link
 * #coldStart} waits), queued error bursts ({@link #failNext}), the random error rate, then latency
 * ({@code L + inputs × perInputTime}), then the model, whose outputs may be emptied, trimmed or
 * spoiled ({@link MalformedOutput}). All setters return {@code this} for chaining.
 */
public final class ModelFaults {

    /** Seed used until {@link #seed(long)} is called, so runs are reproducible by default. */
    public static final long DEFAULT_SEED = 0x5EED_1234L;

    private long seed = DEFAULT_SEED;
    private Random random = new Random(DEFAULT_SEED);
    private Duration latencyMin = Duration.ZERO;
    private Duration latencyMax = Duration.ZERO;
    private Duration perInputTime = Duration.ZERO;
    private Status.Code errorCode = Status.Code.UNAVAILABLE;
    private double errorProbability;
    private final Deque<Status.Code> queuedFailures = new ArrayDeque<>();
    private double emptyOutputsProbability;
    private int emptyOutputsCalls;
    private int fewerOutputsCalls;
    private final Deque<MalformedOutput> queuedMalformed = new ArrayDeque<>();
    private double malformedProbability;
    private MalformedOutput malformedKind = MalformedOutput.MISSING_FIELD;
    private Duration coldStart = Duration.ZERO;
    private WarmthState warmth = WarmthState.ACTIVE;
    private long readyAtNanos;

    /** A fixed latency added to every call. */
    public synchronized ModelFaults latency(Duration fixed) {
        return latency(fixed, fixed);
    }

    /**
     * A latency drawn uniformly from [min, max] for every call (seeded, see {@link #seed(long)}).
     */
    public synchronized ModelFaults latency(Duration min, Duration max) {
        requireNonNegative(min, "min latency");
        requireNonNegative(max, "max latency");
        if (max.compareTo(min) < 0) {
            throw new IllegalArgumentException(
                    "max latency " + max + " is below min latency " + min);
        }
        this.latencyMin = min;
        this.latencyMax = max;
        return this;
    }

    /**
     * Extra time per input of a call, so a call of B inputs costs L + B × perInputTime like a real
     * accelerator.
     */
    public synchronized ModelFaults perInputTime(Duration perInput) {
        this.perInputTime = requireNonNegative(perInput, "per-input time");
        return this;
    }

    /** Fails each call with {@code code} with the given probability (0 turns it off). */
    public synchronized ModelFaults errorRate(Status.Code code, double probability) {
        this.errorCode = requireFailure(code);
        this.errorProbability = requireProbability(probability);
        return this;
    }

    /** Fails the next {@code calls} calls with {@code code}; bursts queue up behind each other. */
    public synchronized ModelFaults failNext(int calls, Status.Code code) {
        requireFailure(code);
        requireNonNegative(calls, "calls");
        for (int i = 0; i < calls; i++) {
            queuedFailures.addLast(code);
        }
        return this;
    }

    /**
     * Answers OK with no outputs with the given probability, like released servers do when the
     * model fails.
     */
    public synchronized ModelFaults emptyOutputsRate(double probability) {
        this.emptyOutputsProbability = requireProbability(probability);
        return this;
    }

    /** Answers the next {@code calls} successful calls with OK and no outputs. */
    public synchronized ModelFaults emptyOutputsNext(int calls) {
        this.emptyOutputsCalls = requireNonNegative(calls, "calls");
        return this;
    }

    /** Answers the next {@code calls} successful calls with one output fewer than inputs. */
    public synchronized ModelFaults fewerOutputsNext(int calls) {
        this.fewerOutputsCalls = requireNonNegative(calls, "calls");
        return this;
    }

    /**
     * Spoils every output of the next {@code calls} successful calls the given way (a missing
     * field, a wrong type, a mask that does not fit its box); bursts queue up behind each other.
     */
    public synchronized ModelFaults malformedOutputsNext(int calls, MalformedOutput kind) {
        Objects.requireNonNull(kind, "kind");
        requireNonNegative(calls, "calls");
        for (int i = 0; i < calls; i++) {
            queuedMalformed.addLast(kind);
        }
        return this;
    }

    /**
     * Spoils every output of a successful call the given way with the given probability (0 turns it
     * off).
     */
    public synchronized ModelFaults malformedOutputsRate(MalformedOutput kind, double probability) {
        this.malformedKind = Objects.requireNonNull(kind, "kind");
        this.malformedProbability = requireProbability(probability);
        return this;
    }

    /**
     * Simulates a model scaled to zero: the next call waits {@code delay} (calls arriving meanwhile
     * wait for the same moment) and Watch reports OFFLINE until then. {@code Duration.ZERO} turns
     * it off.
     */
    public synchronized ModelFaults coldStart(Duration delay) {
        this.coldStart = requireNonNegative(delay, "cold start");
        this.warmth = delay.isZero() ? WarmthState.ACTIVE : WarmthState.OFFLINE;
        return this;
    }

    /** Re-seeds the random draws (latency range, error rate, empty-outputs rate). */
    public synchronized ModelFaults seed(long newSeed) {
        this.seed = newSeed;
        this.random = new Random(newSeed);
        return this;
    }

    /** Removes every fault; the seed stays and the random sequence restarts from it. */
    public synchronized ModelFaults reset() {
        random = new Random(seed);
        latencyMin = Duration.ZERO;
        latencyMax = Duration.ZERO;
        perInputTime = Duration.ZERO;
        errorCode = Status.Code.UNAVAILABLE;
        errorProbability = 0;
        queuedFailures.clear();
        emptyOutputsProbability = 0;
        emptyOutputsCalls = 0;
        fewerOutputsCalls = 0;
        queuedMalformed.clear();
        malformedProbability = 0;
        malformedKind = MalformedOutput.MISSING_FIELD;
        coldStart = Duration.ZERO;
        warmth = WarmthState.ACTIVE;
        return this;
    }

    /**
     * Decides the fate of one call with {@code inputs} inputs, consuming queued bursts and random
     * draws.
     */
    synchronized CallPlan planCall(int inputs) {
        Duration coldStartWait = coldStartWait();
        Status.Code failure = queuedFailures.pollFirst();
        if (failure == null && errorProbability > 0 && random.nextDouble() < errorProbability) {
            failure = errorCode;
        }
        if (failure != null) {
            return new CallPlan(
                    coldStartWait, failure, Duration.ZERO, CallPlan.OutputTrim.NONE, null);
        }
        Duration latency = drawLatency().plus(perInputTime.multipliedBy(inputs));
        CallPlan.OutputTrim trim = CallPlan.OutputTrim.NONE;
        if (emptyOutputsCalls > 0) {
            emptyOutputsCalls--;
            trim = CallPlan.OutputTrim.EMPTY;
        } else if (fewerOutputsCalls > 0) {
            fewerOutputsCalls--;
            trim = CallPlan.OutputTrim.ONE_FEWER;
        } else if (emptyOutputsProbability > 0 && random.nextDouble() < emptyOutputsProbability) {
            trim = CallPlan.OutputTrim.EMPTY;
        }
        MalformedOutput malformed = queuedMalformed.pollFirst();
        if (malformed == null
                && malformedProbability > 0
                && random.nextDouble() < malformedProbability) {
            malformed = malformedKind;
        }
        return new CallPlan(coldStartWait, null, latency, trim, malformed);
    }

    /** The simulated model state right now. */
    synchronized WarmthState warmth() {
        if (warmth == WarmthState.STARTING && System.nanoTime() - readyAtNanos >= 0) {
            warmth = WarmthState.ACTIVE;
        }
        return warmth;
    }

    private Duration coldStartWait() {
        switch (warmth()) {
            case OFFLINE:
                warmth = WarmthState.STARTING;
                readyAtNanos = System.nanoTime() + coldStart.toNanos();
                return coldStart;
            case STARTING:
                return Duration.ofNanos(Math.max(0, readyAtNanos - System.nanoTime()));
            default:
                return Duration.ZERO;
        }
    }

    private Duration drawLatency() {
        if (latencyMax.equals(latencyMin)) {
            return latencyMin;
        }
        long spanNanos = latencyMax.minus(latencyMin).toNanos();
        return latencyMin.plusNanos((long) (random.nextDouble() * spanNanos));
    }

    private static Duration requireNonNegative(Duration duration, String what) {
        Objects.requireNonNull(duration, what);
        if (duration.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative: " + duration);
        }
        return duration;
    }

    private static int requireNonNegative(int count, String what) {
        if (count < 0) {
            throw new IllegalArgumentException(what + " must not be negative: " + count);
        }
        return count;
    }

    private static double requireProbability(double probability) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must be within 0..1: " + probability);
        }
        return probability;
    }

    private static Status.Code requireFailure(Status.Code code) {
        if (code == null || code == Status.Code.OK) {
            throw new IllegalArgumentException("an injected failure needs a non-OK status code");
        }
        return code;
    }
}
