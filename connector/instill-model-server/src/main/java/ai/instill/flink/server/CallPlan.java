package ai.instill.flink.server;

import io.grpc.Status;
import java.time.Duration;

/**
 * What the fault settings decided for one trigger call: how long to wait for the cold start,
 * whether to fail (and with which code), how long the call takes, and how to trim its outputs and
 * whether to spoil them (null: not).
 */
record CallPlan(
        Duration coldStartWait,
        Status.Code failure,
        Duration latency,
        OutputTrim outputTrim,
        MalformedOutput malformed) {

    /** How the outputs of a successful call are altered before they are sent. */
    enum OutputTrim {
        /** One output per input, as it should be. */
        NONE,
        /** OK with no outputs at all. */
        EMPTY,
        /** OK with one output fewer than inputs. */
        ONE_FEWER
    }

    boolean fails() {
        return failure != null;
    }

    /** Time from call receipt until the answer (or the model run) is due. */
    Duration delayBeforeAnswer() {
        return fails() ? coldStartWait : coldStartWait.plus(latency);
    }
}
