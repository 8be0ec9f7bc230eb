package ai.instill.flink.server;

import static ai.instill.flink.server.models.StructValues.struct;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.instill.flink.proto.common.healthcheck.v1beta.HealthCheckResponse;
import ai.instill.flink.proto.common.task.v1alpha.Task;
import ai.instill.flink.proto.model.model.v1alpha.GetNamespaceModelRequest;
import ai.instill.flink.proto.model.model.v1alpha.LivenessRequest;
import ai.instill.flink.proto.model.model.v1alpha.Model;
import ai.instill.flink.proto.model.model.v1alpha.ModelPublicServiceGrpc;
import ai.instill.flink.proto.model.model.v1alpha.ReadinessRequest;
import ai.instill.flink.proto.model.model.v1alpha.State;
import ai.instill.flink.proto.model.model.v1alpha.TriggerNamespaceLatestModelRequest;
import ai.instill.flink.proto.model.model.v1alpha.TriggerNamespaceModelRequest;
import ai.instill.flink.proto.model.model.v1alpha.TriggerNamespaceModelResponse;
import ai.instill.flink.proto.model.model.v1alpha.WatchNamespaceModelRequest;
import ai.instill.flink.server.imaging.PaletteColor;
import ai.instill.flink.server.imaging.TextImages;
import ai.instill.flink.server.models.StandInModel;
import ai.instill.flink.server.testing.TestImages;
import ai.instill.flink.server.testutils.TaskInputs;
import ai.instill.flink.server.testutils.TestChannels;
import com.google.protobuf.Struct;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ModelModelV1alphaProtocolTest {

    private static LocalModelServer server;
    private static ManagedChannel channel;
    private static ModelPublicServiceGrpc.ModelPublicServiceBlockingStub stub;

    @BeforeAll
    static void startServer() {
        StandInModel echo = input -> struct("data", input.getFieldsOrThrow("data"));
        server =
                LocalModelServer.builder()
                        .port(0)
                        .model("acme/classifier/v1", Task.TASK_CLASSIFICATION)
                        .model("acme/classifier/v2", Task.TASK_CLASSIFICATION)
                        .model("acme/echo/v1", Task.TASK_COMPLETION, echo)
                        .withDefaultModels()
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
    void healthChecksAnswerServing() {
        assertThat(
                        stub.liveness(LivenessRequest.getDefaultInstance())
                                .getHealthCheckResponse()
                                .getStatus())
                .isEqualTo(HealthCheckResponse.ServingStatus.SERVING_STATUS_SERVING);
        assertThat(
                        stub.readiness(ReadinessRequest.getDefaultInstance())
                                .getHealthCheckResponse()
                                .getStatus())
                .isEqualTo(HealthCheckResponse.ServingStatus.SERVING_STATUS_SERVING);
    }

    @Test
    void describesARegisteredModel() {
        Model model =
                stub.getNamespaceModel(
                                GetNamespaceModelRequest.newBuilder()
                                        .setNamespaceId("acme")
                                        .setModelId("classifier")
                                        .build())
                        .getModel();

        assertThat(model.getName()).isEqualTo("namespaces/acme/models/classifier");
        assertThat(model.getId()).isEqualTo("classifier");
        assertThat(model.getUid())
                .isEqualTo(
                        UUID.nameUUIDFromBytes(
                                        "namespaces/acme/models/classifier"
                                                .getBytes(StandardCharsets.UTF_8))
                                .toString());
        assertThat(model.getTask()).isEqualTo(Task.TASK_CLASSIFICATION);
        assertThat(model.getVisibility()).isEqualTo(Model.Visibility.VISIBILITY_PUBLIC);
        assertThat(model.getPermission().getCanTrigger()).isTrue();
        assertThat(model.getVersionsList()).containsExactly("v1", "v2");
    }

    @Test
    void unknownModelsAndVersionsAreNotFound() {
        assertCode(
                () ->
                        stub.getNamespaceModel(
                                GetNamespaceModelRequest.newBuilder()
                                        .setNamespaceId("acme")
                                        .setModelId("nope")
                                        .build()),
                Status.Code.NOT_FOUND);
        assertCode(
                () ->
                        stub.watchNamespaceModel(
                                WatchNamespaceModelRequest.newBuilder()
                                        .setNamespaceId("acme")
                                        .setModelId("classifier")
                                        .setVersion("v9")
                                        .build()),
                Status.Code.NOT_FOUND);
        assertCode(
                () -> stub.triggerNamespaceModel(trigger("acme", "classifier", "v9", red())),
                Status.Code.NOT_FOUND);
        assertCode(
                () ->
                        stub.triggerNamespaceLatestModel(
                                TriggerNamespaceLatestModelRequest.newBuilder()
                                        .setNamespaceId("other")
                                        .setModelId("classifier")
                                        .addTaskInputs(red())
                                        .build()),
                Status.Code.NOT_FOUND);
    }

    @Test
    void watchReportsActiveModels() {
        assertThat(
                        stub.watchNamespaceModel(
                                        WatchNamespaceModelRequest.newBuilder()
                                                .setNamespaceId("acme")
                                                .setModelId("classifier")
                                                .setVersion("v1")
                                                .build())
                                .getState())
                .isEqualTo(State.STATE_ACTIVE);
    }

    @Test
    void triggerAnswersEveryInputInOrder() {
        List<Struct> inputs =
                List.of(
                        image(PaletteColor.RED),
                        image(PaletteColor.GREEN),
                        image(PaletteColor.BLUE));

        TriggerNamespaceModelResponse response =
                stub.triggerNamespaceModel(
                        trigger("acme", "classifier", "v1", inputs.toArray(Struct[]::new)));

        assertThat(response.getTask()).isEqualTo(Task.TASK_CLASSIFICATION);
        assertThat(response.getTaskOutputsList())
                .extracting(
                        o ->
                                o.getFieldsOrThrow("data")
                                        .getStructValue()
                                        .getFieldsOrThrow("category")
                                        .getStringValue())
                .containsExactly("red", "green", "blue");
        assertThat(server.stats("acme/classifier/v1").inputsPerCall()).contains(3);
    }

    @Test
    void latestTriggerUsesTheLastRegisteredVersion() {
        long before = server.stats("acme/classifier/v2").calls();

        assertThat(
                        stub.triggerNamespaceLatestModel(
                                        TriggerNamespaceLatestModelRequest.newBuilder()
                                                .setNamespaceId("acme")
                                                .setModelId("classifier")
                                                .addTaskInputs(red())
                                                .build())
                                .getTaskOutputsCount())
                .isEqualTo(1);
        assertThat(server.stats("acme/classifier/v2").calls()).isEqualTo(before + 1);
    }

    @Test
    void theServerWritesTheModelIdIntoData() {
        Struct output =
                stub.triggerNamespaceModel(
                                trigger(
                                        "acme",
                                        "echo",
                                        "v1",
                                        struct(
                                                "data",
                                                struct("prompt", "hi", "model", "acme/echo/v1"))))
                        .getTaskOutputs(0);

        assertThat(
                        output.getFieldsOrThrow("data")
                                .getStructValue()
                                .getFieldsOrThrow("model")
                                .getStringValue())
                .isEqualTo("echo");
    }

    @Test
    void missingEmptyOrNonObjectDataPanicsLikeTheRealServer() {
        for (Struct bad :
                List.of(
                        struct("parameter", struct("n", 1)),
                        struct("data", struct()),
                        struct("data", "text"))) {
            assertThatThrownBy(() -> stub.triggerNamespaceModel(trigger("acme", "echo", "v1", bad)))
                    .isInstanceOfSatisfying(
                            StatusRuntimeException.class,
                            e -> {
                                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNKNOWN);
                                assertThat(e.getStatus().getDescription())
                                        .startsWith("panic triggered: ");
                            });
        }
    }

    @Test
    void schemaViolationsFailTheWholeCallNamingInputAndField() {
        assertThatThrownBy(
                        () ->
                                stub.triggerNamespaceModel(
                                        trigger(
                                                "local",
                                                "stand-in-completion",
                                                "v1",
                                                TaskInputs.prompt("ok"),
                                                TaskInputs.prompt("ok"),
                                                struct("data", struct("prompt", 7)))))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> {
                            assertThat(e.getStatus().getCode())
                                    .isEqualTo(Status.Code.INVALID_ARGUMENT);
                            assertThat(e.getStatus().getDescription())
                                    .contains("task_inputs[2].data.prompt: required string");
                        });
    }

    @Test
    void aModelFailureOnAnyInputAnswersOkWithNoOutputs() {
        TriggerNamespaceModelResponse response =
                stub.triggerNamespaceModel(
                        trigger(
                                "acme",
                                "classifier",
                                "v1",
                                red(),
                                TaskInputs.image("bm90IGFuIGltYWdl"),
                                red()));

        assertThat(response.getTask()).isEqualTo(Task.TASK_CLASSIFICATION);
        assertThat(response.getTaskOutputsList()).isEmpty();
    }

    @Test
    void ocrWorksEndToEnd() {
        String png = Base64.getEncoder().encodeToString(TextImages.renderPng("Flink 2", 3));

        Struct output =
                stub.triggerNamespaceModel(
                                trigger("local", "stand-in-ocr", "v1", TaskInputs.image(png)))
                        .getTaskOutputs(0);

        assertThat(
                        output.getFieldsOrThrow("data")
                                .getStructValue()
                                .getFieldsOrThrow("objects")
                                .getListValue()
                                .getValues(0)
                                .getStructValue()
                                .getFieldsOrThrow("text")
                                .getStringValue())
                .isEqualTo("FLINK 2");
    }

    @Test
    void aMillionDimensionEmbeddingMakesAResponseLargerThan4MiB() {
        TriggerNamespaceModelResponse response =
                stub.triggerNamespaceModel(
                        trigger(
                                "local",
                                "stand-in-embedder",
                                "v1",
                                TaskInputs.embeddings(
                                        List.of(struct("type", "text", "text", "big")),
                                        "dimensions",
                                        1_000_000)));

        assertThat(response.getSerializedSize()).isGreaterThan(4 * 1024 * 1024);
    }

    static Struct red() {
        return image(PaletteColor.RED);
    }

    static Struct image(PaletteColor color) {
        return TaskInputs.image(TestImages.canvas(6, 6, color).base64());
    }

    static TriggerNamespaceModelRequest trigger(
            String namespace, String model, String version, Struct... inputs) {
        return TriggerNamespaceModelRequest.newBuilder()
                .setNamespaceId(namespace)
                .setModelId(model)
                .setVersion(version)
                .addAllTaskInputs(List.of(inputs))
                .build();
    }

    static void assertCode(Runnable call, Status.Code code) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(code));
    }
}
