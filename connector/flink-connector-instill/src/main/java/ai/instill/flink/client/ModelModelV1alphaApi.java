package ai.instill.flink.client;

import ai.instill.flink.proto.model.model.v1alpha.GetNamespaceModelRequest;
import ai.instill.flink.proto.model.model.v1alpha.Model;
import ai.instill.flink.proto.model.model.v1alpha.ModelPublicServiceGrpc;
import ai.instill.flink.proto.model.model.v1alpha.ModelPublicServiceGrpc.ModelPublicServiceFutureStub;
import ai.instill.flink.proto.model.model.v1alpha.TriggerNamespaceLatestModelRequest;
import ai.instill.flink.proto.model.model.v1alpha.TriggerNamespaceModelRequest;
import ai.instill.flink.proto.model.model.v1alpha.View;
import ai.instill.flink.task.ModelName;
import ai.instill.flink.task.ModelTask;
import com.google.protobuf.Struct;
import io.grpc.Channel;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@link ModelApi} over {@code model.model.v1alpha.ModelPublicService}, the API of every released
 * Instill Core.
 */
final class ModelModelV1alphaApi implements ModelApi {
    private final ModelPublicServiceFutureStub stub;

    ModelModelV1alphaApi(Channel channel) {
        this.stub = ModelPublicServiceGrpc.newFutureStub(channel);
    }

    @Override
    public CompletableFuture<TriggerOutcome> trigger(
            ModelName model, List<Struct> inputs, long deadlineMillis) {
        ModelPublicServiceFutureStub call =
                stub.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS);
        if (model.version() == null) {
            return GrpcFutures.map(
                    call.triggerNamespaceLatestModel(
                            TriggerNamespaceLatestModelRequest.newBuilder()
                                    .setNamespaceId(model.namespace())
                                    .setModelId(model.model())
                                    .addAllTaskInputs(inputs)
                                    .build()),
                    r ->
                            new TriggerOutcome(
                                    ModelTask.forNumber(r.getTaskValue()), r.getTaskOutputsList()));
        }
        return GrpcFutures.map(
                call.triggerNamespaceModel(
                        TriggerNamespaceModelRequest.newBuilder()
                                .setNamespaceId(model.namespace())
                                .setModelId(model.model())
                                .setVersion(model.version())
                                .addAllTaskInputs(inputs)
                                .build()),
                r ->
                        new TriggerOutcome(
                                ModelTask.forNumber(r.getTaskValue()), r.getTaskOutputsList()));
    }

    @Override
    public CompletableFuture<ModelInfo> getModel(ModelName model, long deadlineMillis) {
        return GrpcFutures.map(
                stub.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS)
                        .getNamespaceModel(
                                GetNamespaceModelRequest.newBuilder()
                                        .setNamespaceId(model.namespace())
                                        .setModelId(model.model())
                                        .setView(View.VIEW_BASIC)
                                        .build()),
                r -> info(r.getModel()));
    }

    private static ModelInfo info(Model model) {
        return new ModelInfo(
                model.getName(),
                ModelTask.forNumber(model.getTaskValue()),
                model.getVersionsList(),
                !model.hasPermission() || model.getPermission().getCanTrigger());
    }
}
