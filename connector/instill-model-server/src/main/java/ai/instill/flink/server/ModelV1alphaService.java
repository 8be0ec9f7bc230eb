package ai.instill.flink.server;

import ai.instill.flink.proto.common.healthcheck.v1beta.HealthCheckResponse;
import ai.instill.flink.proto.model.v1alpha.GetModelRequest;
import ai.instill.flink.proto.model.v1alpha.GetModelResponse;
import ai.instill.flink.proto.model.v1alpha.LivenessRequest;
import ai.instill.flink.proto.model.v1alpha.LivenessResponse;
import ai.instill.flink.proto.model.v1alpha.Model;
import ai.instill.flink.proto.model.v1alpha.ModelPublicServiceGrpc;
import ai.instill.flink.proto.model.v1alpha.Permission;
import ai.instill.flink.proto.model.v1alpha.ReadinessRequest;
import ai.instill.flink.proto.model.v1alpha.ReadinessResponse;
import ai.instill.flink.proto.model.v1alpha.State;
import ai.instill.flink.proto.model.v1alpha.TriggerModelRequest;
import ai.instill.flink.proto.model.v1alpha.TriggerModelResponse;
import ai.instill.flink.proto.model.v1alpha.TriggerModelVersionRequest;
import ai.instill.flink.proto.model.v1alpha.TriggerModelVersionResponse;
import ai.instill.flink.proto.model.v1alpha.WatchModelVersionRequest;
import ai.instill.flink.proto.model.v1alpha.WatchModelVersionResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Optional;

/**
 * The server side of protocol {@code model.v1alpha} ({@code ModelPublicService}): models are
 * addressed as {@code namespaces/{ns}/models/{m}} and versions as {@code
 * namespaces/{ns}/models/{m}/versions/{v}}.
 */
final class ModelV1alphaService extends ModelPublicServiceGrpc.ModelPublicServiceImplBase {

    private static final HealthCheckResponse SERVING =
            HealthCheckResponse.newBuilder()
                    .setStatus(HealthCheckResponse.ServingStatus.SERVING_STATUS_SERVING)
                    .build();

    private final ModelCatalog catalog;
    private final TriggerHandler triggers;

    ModelV1alphaService(ModelCatalog catalog, TriggerHandler triggers) {
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
    public void getModel(GetModelRequest request, StreamObserver<GetModelResponse> observer) {
        try {
            String[] name = modelName(request.getName());
            List<ServedModel> versions = catalog.versions(name[0], name[1]);
            if (versions.isEmpty()) {
                throw notFound("model " + request.getName());
            }
            ModelDescriptions.recordHeaders(versions);
            ServedModel latest = versions.get(versions.size() - 1);
            Model model =
                    Model.newBuilder()
                            .setName(latest.name().resourceName())
                            .setId(latest.name().model())
                            .setDisplayName(latest.name().model())
                            .setSlug(latest.name().model())
                            .setDescription(ModelDescriptions.DESCRIPTION)
                            .setTask(latest.task())
                            .setVisibility(Model.Visibility.VISIBILITY_PUBLIC)
                            .setPermission(Permission.newBuilder().setCanTrigger(true))
                            .addAllVersions(ModelDescriptions.versionTags(versions))
                            .build();
            observer.onNext(GetModelResponse.newBuilder().setModel(model).build());
            observer.onCompleted();
        } catch (StatusRuntimeException e) {
            observer.onError(e);
        }
    }

    @Override
    public void watchModelVersion(
            WatchModelVersionRequest request, StreamObserver<WatchModelVersionResponse> observer) {
        try {
            String[] name = modelName(request.getName());
            ServedModel served =
                    catalog.version(name[0], name[1], request.getVersion())
                            .orElseThrow(
                                    () ->
                                            notFound(
                                                    "model version "
                                                            + request.getName()
                                                            + "/versions/"
                                                            + request.getVersion()));
            ModelDescriptions.recordHeaders(List.of(served));
            WarmthState warmth = served.faults().warmth();
            observer.onNext(
                    WatchModelVersionResponse.newBuilder()
                            .setState(stateOf(warmth))
                            .setMessage(ModelDescriptions.stateMessage(served, warmth))
                            .build());
            observer.onCompleted();
        } catch (StatusRuntimeException e) {
            observer.onError(e);
        }
    }

    @Override
    public void triggerModelVersion(
            TriggerModelVersionRequest request,
            StreamObserver<TriggerModelVersionResponse> observer) {
        ServedModel model;
        try {
            String[] name = versionName(request.getName());
            model =
                    catalog.version(name[0], name[1], name[2])
                            .orElseThrow(() -> notFound("model version " + request.getName()));
        } catch (StatusRuntimeException e) {
            observer.onError(e);
            return;
        }
        ModelDescriptions.recordHeaders(List.of(model));
        triggers.trigger(
                model,
                request.getTaskInputsList(),
                outputs ->
                        TriggerModelVersionResponse.newBuilder()
                                .setTask(model.task())
                                .addAllTaskOutputs(outputs)
                                .build(),
                observer);
    }

    @Override
    public void triggerModel(
            TriggerModelRequest request, StreamObserver<TriggerModelResponse> observer) {
        ServedModel model;
        try {
            String[] name = modelName(request.getName());
            Optional<ServedModel> latest = catalog.latest(name[0], name[1]);
            model = latest.orElseThrow(() -> notFound("model " + request.getName()));
        } catch (StatusRuntimeException e) {
            observer.onError(e);
            return;
        }
        ModelDescriptions.recordHeaders(List.of(model));
        triggers.trigger(
                model,
                request.getTaskInputsList(),
                outputs ->
                        TriggerModelResponse.newBuilder()
                                .setTask(model.task())
                                .addAllTaskOutputs(outputs)
                                .build(),
                observer);
    }

    /** {namespace, model} from "namespaces/{ns}/models/{m}"; anything else is INVALID_ARGUMENT. */
    private static String[] modelName(String name) {
        String[] segments = name.split("/", -1);
        if (segments.length != 4
                || !"namespaces".equals(segments[0])
                || !"models".equals(segments[2])) {
            throw Status.INVALID_ARGUMENT
                    .withDescription("invalid model name format")
                    .asRuntimeException();
        }
        return new String[] {segments[1], segments[3]};
    }

    /**
     * {namespace, model, version} from "namespaces/{ns}/models/{m}/versions/{v}"; else
     * INVALID_ARGUMENT.
     */
    private static String[] versionName(String name) {
        String[] segments = name.split("/", -1);
        if (segments.length != 6
                || !"namespaces".equals(segments[0])
                || !"models".equals(segments[2])
                || !"versions".equals(segments[4])) {
            throw Status.INVALID_ARGUMENT
                    .withDescription("invalid model version name format")
                    .asRuntimeException();
        }
        return new String[] {segments[1], segments[3], segments[5]};
    }

    private static State stateOf(WarmthState warmth) {
        return switch (warmth) {
            case OFFLINE -> State.STATE_OFFLINE;
            case STARTING -> State.STATE_STARTING;
            case ACTIVE -> State.STATE_ACTIVE;
        };
    }

    private static StatusRuntimeException notFound(String what) {
        return Status.NOT_FOUND.withDescription(what + " not found").asRuntimeException();
    }
}
