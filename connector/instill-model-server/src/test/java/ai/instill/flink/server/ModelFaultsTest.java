package ai.instill.flink.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ModelFaultsTest {

    @Test
    void withoutFaultsEveryCallSucceedsAtOnce() {
        CallPlan plan = new ModelFaults().planCall(3);

        assertThat(plan.fails()).isFalse();
        assertThat(plan.delayBeforeAnswer()).isZero();
        assertThat(plan.outputTrim()).isEqualTo(CallPlan.OutputTrim.NONE);
    }

    @Test
    void burstsFailTheNextCallsInOrder() {
        ModelFaults faults =
                new ModelFaults()
                        .failNext(2, Status.Code.RESOURCE_EXHAUSTED)
                        .failNext(1, Status.Code.UNAVAILABLE);

        assertThat(faults.planCall(1).failure()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(faults.planCall(1).failure()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(faults.planCall(1).failure()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(faults.planCall(1).fails()).isFalse();
    }

    @Test
    void latencyGrowsWithTheNumberOfInputs() {
        ModelFaults faults =
                new ModelFaults().latency(Duration.ofMillis(10)).perInputTime(Duration.ofMillis(2));

        assertThat(faults.planCall(5).latency()).isEqualTo(Duration.ofMillis(20));
    }

    @Test
    void randomLatencyStaysInItsRangeAndIsReproducibleBySeed() {
        ModelFaults first =
                new ModelFaults().seed(9).latency(Duration.ofMillis(5), Duration.ofMillis(50));
        ModelFaults second =
                new ModelFaults().seed(9).latency(Duration.ofMillis(5), Duration.ofMillis(50));

        for (int i = 0; i < 100; i++) {
            Duration latency = first.planCall(1).latency();
            assertThat(latency).isBetween(Duration.ofMillis(5), Duration.ofMillis(50));
            assertThat(second.planCall(1).latency()).isEqualTo(latency);
        }
    }

    @Test
    void errorRateOneFailsEveryCallAndZeroNone() {
        ModelFaults faults = new ModelFaults().errorRate(Status.Code.UNAVAILABLE, 1.0);
        assertThat(faults.planCall(1).failure()).isEqualTo(Status.Code.UNAVAILABLE);

        faults.errorRate(Status.Code.UNAVAILABLE, 0.0);
        assertThat(faults.planCall(1).fails()).isFalse();
    }

    @Test
    void emptyAndFewerOutputsApplyToTheNextCalls() {
        ModelFaults faults = new ModelFaults().emptyOutputsNext(1).fewerOutputsNext(1);

        assertThat(faults.planCall(2).outputTrim()).isEqualTo(CallPlan.OutputTrim.EMPTY);
        assertThat(faults.planCall(2).outputTrim()).isEqualTo(CallPlan.OutputTrim.ONE_FEWER);
        assertThat(faults.planCall(2).outputTrim()).isEqualTo(CallPlan.OutputTrim.NONE);
        assertThat(new ModelFaults().emptyOutputsRate(1.0).planCall(1).outputTrim())
                .isEqualTo(CallPlan.OutputTrim.EMPTY);
    }

    @Test
    void coldStartDelaysOnlyTheCallsBeforeTheModelIsUp() {
        ModelFaults faults = new ModelFaults().coldStart(Duration.ofSeconds(30));
        assertThat(faults.warmth()).isEqualTo(WarmthState.OFFLINE);

        assertThat(faults.planCall(1).coldStartWait()).isEqualTo(Duration.ofSeconds(30));
        assertThat(faults.warmth()).isEqualTo(WarmthState.STARTING);
        assertThat(faults.planCall(1).coldStartWait())
                .isPositive()
                .isLessThanOrEqualTo(Duration.ofSeconds(30));

        faults.reset();
        assertThat(faults.warmth()).isEqualTo(WarmthState.ACTIVE);
        assertThat(faults.planCall(1).coldStartWait()).isZero();
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new ModelFaults().errorRate(Status.Code.OK, 0.5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ModelFaults().emptyOutputsRate(1.5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () -> new ModelFaults().latency(Duration.ofMillis(5), Duration.ofMillis(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
