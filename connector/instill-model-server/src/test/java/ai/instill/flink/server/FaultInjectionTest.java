package ai.instill.flink.server;

import static ai.instill.flink.server.ModelModelV1alphaProtocolTest.red;
import static ai.instill.flink.server.ModelModelV1alphaProtocolTest.trigger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.instill.flink.proto.common.task.v1alpha.Task;
import ai.instill.flink.proto.model.model.v1alpha.ModelPublicServiceGrpc;
import ai.instill.flink.proto.model.model.v1alpha.State;
import ai.instill.flink.proto.model.model.v1alpha.TriggerNamespaceModelRequest;
import ai.instill.flink.proto.model.model.v1alpha.TriggerNamespaceModelResponse;
import ai.instill.flink.proto.model.model.v1alpha.WatchNamespaceModelRequest;
import ai.instill.flink.server.testutils.TestChannels;
import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {

    private static final String MODEL = "acme/classifier/v1";
    private static final TriggerNamespaceModelRequest ONE =
            trigger("acme", "classifier", "v1", red());
    private static final TriggerNamespaceModelRequest THREE =
            trigger("acme", "classifier", "v1", red(), red(), red());

    private static LocalModelServer server;
    private static ManagedChannel channel;
    private static ModelPublicServiceGrpc.ModelPublicServiceBlockingStub stub;

    @BeforeAll
    static void startServer() {
        server = LocalModelServer.builder().model(MODEL, Task.TASK_CLASSIFICATION).build().start();
        channel = TestChannels.plaintext(server);
        stub = ModelPublicServiceGrpc.newBlockingStub(channel);
    }

    @AfterEach
    void clearFaults() {
        server.reset();
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        TestChannels.close(channel);
        server.stop();
    }

    @Test
    void aBurstFailsExactlyTheNextCalls() {
        server.faults(MODEL).failNext(2, Status.Code.RESOURCE_EXHAUSTED);

        assertFails(Status.Code.RESOURCE_EXHAUSTED);
        assertFails(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(stub.triggerNamespaceModel(ONE).getTaskOutputsCount()).isEqualTo(1);
        assertThat(server.stats(MODEL).failedCalls()).isEqualTo(2);
        assertThat(server.stats(MODEL).calls()).isEqualTo(3);
    }

    @Test
    void anErrorRateOfOneFailsEveryCall() {
        server.faults(MODEL).errorRate(Status.Code.UNAVAILABLE, 1.0);

        for (int i = 0; i < 3; i++) {
            assertFails(Status.Code.UNAVAILABLE);
        }
    }

    @Test
    void emptyAndFewerOutputsAnswerOk() {
        server.faults(MODEL).emptyOutputsNext(1).fewerOutputsNext(1);

        TriggerNamespaceModelResponse empty = stub.triggerNamespaceModel(THREE);
        TriggerNamespaceModelResponse fewer = stub.triggerNamespaceModel(THREE);
        TriggerNamespaceModelResponse full = stub.triggerNamespaceModel(THREE);

        assertThat(empty.getTask()).isEqualTo(Task.TASK_CLASSIFICATION);
        assertThat(empty.getTaskOutputsCount()).isZero();
        assertThat(fewer.getTaskOutputsCount()).isEqualTo(2);
        assertThat(full.getTaskOutputsCount()).isEqualTo(3);
        assertThat(server.stats(MODEL).failedCalls()).isZero();
    }

    @Test
    void latencyAndPerInputTimeDelayTheAnswer() {
        server.faults(MODEL).latency(Duration.ofMillis(120)).perInputTime(Duration.ofMillis(30));

        long start = System.nanoTime();
        stub.triggerNamespaceModel(THREE);

        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isGreaterThanOrEqualTo(Duration.ofMillis(210));
    }

    @Test
    void coldStartDelaysTheFirstCallAndWatchShowsOfflineUntilThen() {
        WatchNamespaceModelRequest watch =
                WatchNamespaceModelRequest.newBuilder()
                        .setNamespaceId("acme")
                        .setModelId("classifier")
                        .setVersion("v1")
                        .build();
        server.faults(MODEL).coldStart(Duration.ofMillis(300));
        assertThat(stub.watchNamespaceModel(watch).getState()).isEqualTo(State.STATE_OFFLINE);

        long start = System.nanoTime();
        stub.triggerNamespaceModel(ONE);
        Duration first = Duration.ofNanos(System.nanoTime() - start);

        assertThat(first).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(stub.watchNamespaceModel(watch).getState()).isEqualTo(State.STATE_ACTIVE);
    }

    @Test
    void countsConcurrentCallsAndInputsPerCall() throws Exception {
        server.faults(MODEL).latency(Duration.ofMillis(400));
        ModelPublicServiceGrpc.ModelPublicServiceFutureStub futures =
                ModelPublicServiceGrpc.newFutureStub(channel);

        List<ListenableFuture<TriggerNamespaceModelResponse>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(futures.triggerNamespaceModel(i % 2 == 0 ? ONE : THREE));
        }
        for (ListenableFuture<TriggerNamespaceModelResponse> call : calls) {
            call.get(10, TimeUnit.SECONDS);
        }

        ModelStats stats = server.stats(MODEL);
        assertThat(stats.peakConcurrentCalls()).isEqualTo(8);
        assertThat(stats.concurrentCalls()).isZero();
        assertThat(stats.calls()).isEqualTo(8);
        assertThat(stats.inputs()).isEqualTo(16);
        assertThat(stats.maxInputsPerCall()).isEqualTo(3);
        assertThat(stats.inputsPerCall()).hasSize(8).containsOnly(1, 3);
    }

    private static void assertFails(Status.Code code) {
        assertThatThrownBy(() -> stub.triggerNamespaceModel(ONE))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(code));
    }
}
