package ai.instill.flink.server;

import ai.instill.flink.proto.common.healthcheck.v1beta.HealthCheckResponse;
import ai.instill.flink.proto.model.model.v1alpha.GetNamespaceModelRequest;
import ai.instill.flink.proto.model.model.v1alpha.GetNamespaceModelResponse;
import ai.instill.flink.proto.model.model.v1alpha.LivenessRequest;
import ai.instill.flink.proto.model.model.v1alpha.LivenessResponse;
import ai.instill.flink.proto.model.model.v1alpha.Model;
import ai.instill.flink.proto.model.model.v1alpha.ModelPublicServiceGrpc;
import ai.instill.flink.proto.model.model.v1alpha.Permission;
import ai.instill.flink.proto.model.model.v1alpha.ReadinessRequest;
import ai.instill.flink.proto.model.model.v1alpha.ReadinessResponse;
import ai.instill.flink.proto.model.model.v1alpha.State;
import ai.instill.flink.proto.model.model.v1alpha.TriggerNamespaceLatestModelRequest;
import ai.instill.flink.proto.model.model.v1alpha.TriggerNamespaceLatestModelResponse;
import ai.instill.flink.proto.model.model.v1alpha.TriggerNamespaceModelRequest;
import ai.instill.flink.proto.model.model.v1alpha.TriggerNamespaceModelResponse;
import ai.instill.flink.proto.model.model.v1alpha.WatchNamespaceModelRequest;
import ai.instill.flink.proto.model.model.v1alpha.WatchNamespaceModelResponse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Optional;

/**
 * The server side of protocol {@code model.model.v1alpha} ({@code ModelPublicService} with
 * namespace, model and version as separate fields), which released servers speak.
 */
final class ModelModelV1alphaService extends ModelPublicServiceGrpc.ModelPublicServiceImplBase {

    private static final HealthCheckResponse SERVING =
            HealthCheckResponse.newBuilder()
                    .setStatus(HealthCheckResponse.ServingStatus.SERVING_STATUS_SERVING)
                    .build();

    private final ModelCatalog catalog;
    private final TriggerHandler triggers;

    ModelModelV1alphaService(ModelCatalog catalog, TriggerHandler triggers) {
        this.catalog = catalog;
        this.triggers = triggers;
    }

    @Override
    public void liveness(LivenessRequest request, StreamObserver<LivenessResponse> observer) {
        observer.onNext(LivenessResponse.newBuilder().setHealthCheckResponse(SERVING).build());
        observer.onCompleted();
    }

    @Override
    public void readiness(ReadinessRequest request, StreamObserver<ReadinessResponse> observer) {
        observer.onNext(ReadinessResponse.newBuilder().setHealthCheckResponse(SERVING).build());
        observer.onCompleted();
    }

    @Override
    public void getNamespaceModel(
            GetNamespaceModelRequest request, StreamObserver<GetNamespaceModelResponse> observer) {
        List<ServedModel> versions =
                catalog.versions(request.getNamespaceId(), request.getModelId());
        if (versions.isEmpty()) {
            observer.onError(modelNotFound(request.getNamespaceId(), request.getModelId()));
            return;
        }
        ModelDescriptions.recordHeaders(versions);
        ServedModel latest = versions.get(versions.size() - 1);
        Model model =
                Model.newBuilder()
                        .setName(latest.name().resourceName())
                        .setUid(ModelDescriptions.uid(latest))
                        .setId(latest.name().model())
                        .setDescription(ModelDescriptions.DESCRIPTION)
                        .setTask(latest.task())
                        .setVisibility(Model.Visibility.VISIBILITY_PUBLIC)
                        .setPermission(Permission.newBuilder().setCanTrigger(true))
                        .addAllVersions(ModelDescriptions.versionTags(versions))
                        .build();
        observer.onNext(GetNamespaceModelResponse.newBuilder().setModel(model).build());
        observer.onCompleted();
    }

    @Override
    public void watchNamespaceModel(
            WatchNamespaceModelRequest request,
            StreamObserver<WatchNamespaceModelResponse> observer) {
        Optional<ServedModel> served =
                catalog.version(
                        request.getNamespaceId(), request.getModelId(), request.getVersion());
        if (served.isEmpty()) {
            observer.onError(
                    versionNotFound(
                            request.getNamespaceId(), request.getModelId(), request.getVersion()));
            return;
        }
        ModelDescriptions.recordHeaders(List.of(served.get()));
        WarmthState warmth = served.get().faults().warmth();
        observer.onNext(
                WatchNamespaceModelResponse.newBuilder()
                        .setState(stateOf(warmth))
                        .setMessage(ModelDescriptions.stateMessage(served.get(), warmth))
                        .build());
        observer.onCompleted();
    }

    @Override
    public void triggerNamespaceModel(
            TriggerNamespaceModelRequest request,
            StreamObserver<TriggerNamespaceModelResponse> observer) {
        Optional<ServedModel> served =
                request.getVersion().isEmpty()
                        ? catalog.latest(request.getNamespaceId(), request.getModelId())
                        : catalog.version(
                                request.getNamespaceId(),
                                request.getModelId(),
                                request.getVersion());
        if (served.isEmpty()) {
            observer.onError(
                    versionNotFound(
                            request.getNamespaceId(), request.getModelId(), request.getVersion()));
            return;
        }
        ServedModel model = served.get();
        ModelDescriptions.recordHeaders(List.of(model));
        triggers.trigger(
                model,
                request.getTaskInputsList(),
                outputs ->
                        TriggerNamespaceModelResponse.newBuilder()
                                .setTask(model.task())
                                .addAllTaskOutputs(outputs)
                                .build(),
                observer);
    }

    @Override
    public void triggerNamespaceLatestModel(
            TriggerNamespaceLatestModelRequest request,
            StreamObserver<TriggerNamespaceLatestModelResponse> observer) {
        Optional<ServedModel> served =
                catalog.latest(request.getNamespaceId(), request.getModelId());
        if (served.isEmpty()) {
            observer.onError(modelNotFound(request.getNamespaceId(), request.getModelId()));
            return;
        }
        ServedModel model = served.get();
        ModelDescriptions.recordHeaders(List.of(model));
        triggers.trigger(
                model,
                request.getTaskInputsList(),
                outputs ->
                        TriggerNamespaceLatestModelResponse.newBuilder()
                                .setTask(model.task())
                                .addAllTaskOutputs(outputs)
                                .build(),
                observer);
    }

    private static State stateOf(WarmthState warmth) {
        return switch (warmth) {
            case OFFLINE -> State.STATE_OFFLINE;
            case STARTING -> State.STATE_STARTING;
            case ACTIVE -> State.STATE_ACTIVE;
        };
    }

    private static RuntimeException modelNotFound(String namespace, String model) {
        return Status.NOT_FOUND
                .withDescription(
                        "model namespaces/" + namespace + "/models/" + model + " not found")
                .asRuntimeException();
    }

    private static RuntimeException versionNotFound(
            String namespace, String model, String version) {
        return Status.NOT_FOUND
                .withDescription(
                        "model version namespaces/"
                                + namespace
                                + "/models/"
                                + model
                                + "/versions/"
                                + version
                                + " not found")
                .asRuntimeException();
    }
}
