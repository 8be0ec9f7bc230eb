package ai.instill.flink.server;

import static ai.instill.flink.server.ModelModelV1alphaProtocolTest.red;
import static ai.instill.flink.server.ModelModelV1alphaProtocolTest.trigger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.instill.flink.proto.common.task.v1alpha.Task;
import ai.instill.flink.proto.model.model.v1alpha.ModelPublicServiceGrpc;
import ai.instill.flink.server.models.ModelBackend;
import ai.instill.flink.server.models.ModelFailure;
import ai.instill.flink.server.models.StandInModel;
import ai.instill.flink.server.models.StandInModels;
import ai.instill.flink.server.testutils.TaskInputs;
import ai.instill.flink.server.testutils.TestChannels;
import com.google.protobuf.Struct;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class LocalModelServerTest {

    @Test
    void listsEachModelsBackendAndRunsRealOnesOnTheModelPool() throws Exception {
        List<String> threads = new CopyOnWriteArrayList<>();
        StandInModel completion = StandInModels.forTask(Task.TASK_COMPLETION);
        ModelBackend real =
                new ModelBackend() {
                    @Override
                    public Struct infer(Struct input) throws ModelFailure {
                        threads.add(Thread.currentThread().getName());
                        return completion.infer(input);
                    }

                    @Override
                    public String label() {
                        return ModelBackend.realLabel("a test model");
                    }
                };
        try (LocalModelServer server =
                LocalModelServer.builder()
                        .model("acme/real/v1", Task.TASK_COMPLETION, real)
                        .model("acme/stand-in/v1", Task.TASK_COMPLETION)
                        .build()
                        .start()) {
            assertThat(server.backend("acme/real/v1")).isEqualTo("real: a test model");
            assertThat(server.backend("acme/stand-in/v1")).isEqualTo("stand-in");
            assertThat(ModelList.realCount(server)).isEqualTo(1);
            assertThat(ModelList.lines(server))
                    .containsExactly(
                            "  acme/real/v1      completion              real: a test model",
                            "  acme/stand-in/v1  completion              stand-in");

            ManagedChannel channel = TestChannels.plaintext(server);
            try {
                ModelPublicServiceGrpc.newBlockingStub(channel)
                        .triggerNamespaceModel(
                                trigger("acme", "real", "v1", TaskInputs.prompt("hi")));
            } finally {
                TestChannels.close(channel);
            }
            assertThat(threads).singleElement().asString().startsWith("model-");
        }
    }

    @Test
    void smallCallsAreAnsweredOnTheirConnectionsLoopAndLargeOnesOnTheModelPool() throws Exception {
        String model = "acme/writer/v1";
        List<String> threads = new CopyOnWriteArrayList<>();
        StandInModel completion = StandInModels.forTask(Task.TASK_COMPLETION);
        LocalModelServer server =
                LocalModelServer.builder()
                        .port(0)
                        .model(
                                model,
                                Task.TASK_COMPLETION,
                                input -> {
                                    threads.add(Thread.currentThread().getName());
                                    return completion.infer(input);
                                })
                        .build()
                        .start();
        server.faults(model).latency(Duration.ofMillis(5));
        ManagedChannel channel = TestChannels.plaintext(server);
        try {
            var stub = ModelPublicServiceGrpc.newBlockingStub(channel);
            long start = System.nanoTime();
            stub.triggerNamespaceModel(
                    trigger("acme", "writer", "v1", TaskInputs.prompt("a short prompt")));
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(5_000_000L);
            stub.triggerNamespaceModel(
                    trigger(
                            "acme",
                            "writer",
                            "v1",
                            TaskInputs.prompt(
                                    "word ".repeat(TriggerHandler.SMALL_CALL_BYTES / 4))));

            assertThat(threads).hasSize(2);
            assertThat(threads.get(0)).startsWith("local-model-server-io");
            assertThat(threads.get(1)).startsWith("model-");
        } finally {
            TestChannels.close(channel);
            server.close();
        }
    }

    @Test
    void picksAFreePortOnLoopbackAndStopsIdempotently() {
        LocalModelServer server =
                LocalModelServer.builder().port(0).withDefaultModels().build().start();

        assertThat(server.port()).isPositive();
        assertThat(server.target()).isEqualTo("127.0.0.1:" + server.port());
        assertThat(server.task(DefaultModels.CHAT)).isEqualTo(Task.TASK_CHAT);
        server.stop();
        server.close();
    }

    @Test
    void aStoppedServerStartsAgainOnTheSamePortWithItsFaultsAndCounters() throws Exception {
        String model = "acme/classifier/v1";
        LocalModelServer server =
                LocalModelServer.builder()
                        .port(0)
                        .model(model, Task.TASK_CLASSIFICATION)
                        .build()
                        .start();
        ManagedChannel channel = TestChannels.plaintext(server);
        try {
            var stub = ModelPublicServiceGrpc.newBlockingStub(channel);
            int port = server.port();
            assertThat(
                            stub.triggerNamespaceModel(trigger("acme", "classifier", "v1", red()))
                                    .getTaskOutputsCount())
                    .isEqualTo(1);
            server.faults(model).failNext(1, Status.Code.ABORTED);

            server.stop();
            assertThat(server.isRunning()).isFalse();
            assertThat(server.port()).isEqualTo(port);
            assertThatThrownBy(
                            () ->
                                    stub.triggerNamespaceModel(
                                            trigger("acme", "classifier", "v1", red())))
                    .isInstanceOfSatisfying(
                            StatusRuntimeException.class,
                            e ->
                                    assertThat(e.getStatus().getCode())
                                            .isEqualTo(Status.Code.UNAVAILABLE));

            server.restart(Duration.ofMillis(10));
            assertThat(server.isRunning()).isTrue();
            assertThat(server.port()).isEqualTo(port);
            // the same channel reconnects; the queued fault and the counters survived the restart
            ModelModelV1alphaProtocolTest.assertCode(
                    () ->
                            stub.withWaitForReady()
                                    .withDeadlineAfter(10, java.util.concurrent.TimeUnit.SECONDS)
                                    .triggerNamespaceModel(
                                            trigger("acme", "classifier", "v1", red())),
                    Status.Code.ABORTED);
            assertThat(
                            stub.triggerNamespaceModel(trigger("acme", "classifier", "v1", red()))
                                    .getTaskOutputsCount())
                    .isEqualTo(1);
            assertThat(server.stats(model).calls()).isEqualTo(3);
            assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
        } finally {
            TestChannels.close(channel);
            server.stop();
        }
    }

    @Test
    void rejectsBadRegistrations() {
        assertThatThrownBy(() -> LocalModelServer.builder().build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(
                        () ->
                                LocalModelServer.builder()
                                        .model("acme/classifier", Task.TASK_CLASSIFICATION))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LocalModelServer.builder().model("acme/x/v1", Task.TASK_CUSTOM))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () ->
                                LocalModelServer.builder()
                                        .model("acme/x/v1", Task.TASK_OCR)
                                        .model("acme/x/v1", Task.TASK_OCR))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () ->
                                LocalModelServer.builder()
                                        .model("acme/x/v1", Task.TASK_OCR)
                                        .model("acme/x/v2", Task.TASK_CHAT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknownModelNamesAreRejectedWithTheKnownOnes() {
        try (LocalModelServer server =
                LocalModelServer.builder().model("acme/x/v1", Task.TASK_OCR).build()) {
            assertThatThrownBy(() -> server.faults("acme/y/v1"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("acme/x/v1");
        }
    }
}
