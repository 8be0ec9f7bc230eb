package ai.instill.flink.server;

import static ai.instill.flink.server.ModelModelV1alphaProtocolTest.assertCode;
import static ai.instill.flink.server.ModelModelV1alphaProtocolTest.red;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.instill.flink.proto.common.healthcheck.v1beta.HealthCheckResponse;
import ai.instill.flink.proto.common.task.v1alpha.Task;
import ai.instill.flink.proto.model.v1alpha.GetModelRequest;
import ai.instill.flink.proto.model.v1alpha.Model;
import ai.instill.flink.proto.model.v1alpha.ModelPublicServiceGrpc;
import ai.instill.flink.proto.model.v1alpha.ReadinessRequest;
import ai.instill.flink.proto.model.v1alpha.State;
import ai.instill.flink.proto.model.v1alpha.TriggerModelRequest;
import ai.instill.flink.proto.model.v1alpha.TriggerModelResponse;
import ai.instill.flink.proto.model.v1alpha.TriggerModelVersionRequest;
import ai.instill.flink.proto.model.v1alpha.TriggerModelVersionResponse;
import ai.instill.flink.proto.model.v1alpha.WatchModelVersionRequest;
import ai.instill.flink.server.testutils.TaskInputs;
import ai.instill.flink.server.testutils.TestChannels;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ModelV1alphaProtocolTest {

    private static LocalModelServer server;
    private static ManagedChannel channel;
    private static ModelPublicServiceGrpc.ModelPublicServiceBlockingStub stub;

    @BeforeAll
    static void startServer() {
        server =
                LocalModelServer.builder()
                        .model("acme/classifier/v1", Task.TASK_CLASSIFICATION)
                        .model("acme/classifier/v2", Task.TASK_CLASSIFICATION)
                        .model("acme/llm/v1", Task.TASK_COMPLETION)
                        .build()
                        .start();
        channel = TestChannels.plaintext(server);
        stub = ModelPublicServiceGrpc.newBlockingStub(channel);
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        TestChannels.close(channel);
        server.stop();
    }

    @Test
    void bothGenerationsShareThePort() {
        assertThat(
                        stub.readiness(ReadinessRequest.getDefaultInstance())
                                .getHealthCheckResponse()
                                .getStatus())
                .isEqualTo(HealthCheckResponse.ServingStatus.SERVING_STATUS_SERVING);
        assertThat(
                        ai.instill.flink.proto.model.model.v1alpha.ModelPublicServiceGrpc
                                .newBlockingStub(channel)
                                .readiness(
                                        ai.instill.flink.proto.model.model.v1alpha.ReadinessRequest
                                                .getDefaultInstance())
                                .getHealthCheckResponse()
                                .getStatus())
                .isEqualTo(HealthCheckResponse.ServingStatus.SERVING_STATUS_SERVING);
    }

    @Test
    void getModelDescribesTheModelByResourceName() {
        Model model =
                stub.getModel(
                                GetModelRequest.newBuilder()
                                        .setName("namespaces/acme/models/classifier")
                                        .build())
                        .getModel();

        assertThat(model.getName()).isEqualTo("namespaces/acme/models/classifier");
        assertThat(model.getId()).isEqualTo("classifier");
        assertThat(model.getTask()).isEqualTo(Task.TASK_CLASSIFICATION);
        assertThat(model.getPermission().getCanTrigger()).isTrue();
        assertThat(model.getVersionsList()).containsExactly("v1", "v2");
    }

    @Test
    void malformedNamesAreInvalidArguments() {
        assertThatThrownBy(
                        () ->
                                stub.getModel(
                                        GetModelRequest.newBuilder()
                                                .setName("acme/classifier")
                                                .build()))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> {
                            assertThat(e.getStatus().getCode())
                                    .isEqualTo(Status.Code.INVALID_ARGUMENT);
                            assertThat(e.getStatus().getDescription())
                                    .isEqualTo("invalid model name format");
                        });
        assertThatThrownBy(
                        () ->
                                stub.triggerModelVersion(
                                        TriggerModelVersionRequest.newBuilder()
                                                .setName("namespaces/acme/models/classifier")
                                                .addTaskInputs(red())
                                                .build()))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> {
                            assertThat(e.getStatus().getCode())
                                    .isEqualTo(Status.Code.INVALID_ARGUMENT);
                            assertThat(e.getStatus().getDescription())
                                    .isEqualTo("invalid model version name format");
                        });
        assertCode(
                () ->
                        stub.triggerModel(
                                TriggerModelRequest.newBuilder()
                                        .setName("namespaces/acme/models/classifier/versions/v1")
                                        .addTaskInputs(red())
                                        .build()),
                Status.Code.INVALID_ARGUMENT);
    }

    @Test
    void unknownModelsAreNotFound() {
        assertCode(
                () ->
                        stub.getModel(
                                GetModelRequest.newBuilder()
                                        .setName("namespaces/acme/models/nope")
                                        .build()),
                Status.Code.NOT_FOUND);
        assertCode(
                () ->
                        stub.triggerModelVersion(
                                TriggerModelVersionRequest.newBuilder()
                                        .setName("namespaces/acme/models/classifier/versions/v3")
                                        .addTaskInputs(red())
                                        .build()),
                Status.Code.NOT_FOUND);
    }

    @Test
    void triggerModelVersionAndLatestAnswer() {
        TriggerModelVersionResponse version =
                stub.triggerModelVersion(
                        TriggerModelVersionRequest.newBuilder()
                                .setName("namespaces/acme/models/classifier/versions/v1")
                                .addTaskInputs(red())
                                .build());
        long latestCallsBefore = server.stats("acme/classifier/v2").calls();
        TriggerModelResponse latest =
                stub.triggerModel(
                        TriggerModelRequest.newBuilder()
                                .setName("namespaces/acme/models/classifier")
                                .addTaskInputs(red())
                                .addTaskInputs(red())
                                .build());

        assertThat(version.getTask()).isEqualTo(Task.TASK_CLASSIFICATION);
        assertThat(version.getTaskOutputsCount()).isEqualTo(1);
        assertThat(latest.getTaskOutputsCount()).isEqualTo(2);
        assertThat(server.stats("acme/classifier/v2").calls()).isEqualTo(latestCallsBefore + 1);
    }

    @Test
    void triggerAnswersCompletionsWithUsage() {
        TriggerModelVersionResponse response =
                stub.triggerModelVersion(
                        TriggerModelVersionRequest.newBuilder()
                                .setName("namespaces/acme/models/llm/versions/v1")
                                .addTaskInputs(TaskInputs.prompt("b a"))
                                .build());

        assertThat(response.getTask()).isEqualTo(Task.TASK_COMPLETION);
        assertThat(
                        response.getTaskOutputs(0)
                                .getFieldsOrThrow("metadata")
                                .getStructValue()
                                .getFieldsMap())
                .containsKeys("stand-in", "usage");
    }

    @Test
    void watchUsesThisGenerationsStateNumbers() {
        WatchModelVersionRequest watch =
                WatchModelVersionRequest.newBuilder()
                        .setName("namespaces/acme/models/llm")
                        .setVersion("v1")
                        .build();
        assertThat(stub.watchModelVersion(watch).getState()).isEqualTo(State.STATE_ACTIVE);
        assertThat(State.STATE_ACTIVE.getNumber()).isEqualTo(2);

        server.faults("acme/llm/v1").coldStart(Duration.ofMinutes(5));
        try {
            assertThat(stub.watchModelVersion(watch).getState()).isEqualTo(State.STATE_OFFLINE);
        } finally {
            server.faults("acme/llm/v1").reset();
        }
    }
}
