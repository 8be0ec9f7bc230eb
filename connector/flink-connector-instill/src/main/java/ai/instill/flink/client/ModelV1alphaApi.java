package ai.instill.flink.client;

import ai.instill.flink.proto.model.v1alpha.GetModelRequest;
import ai.instill.flink.proto.model.v1alpha.Model;
import ai.instill.flink.proto.model.v1alpha.ModelPublicServiceGrpc;
import ai.instill.flink.proto.model.v1alpha.ModelPublicServiceGrpc.ModelPublicServiceFutureStub;
import ai.instill.flink.proto.model.v1alpha.TriggerModelRequest;
import ai.instill.flink.proto.model.v1alpha.TriggerModelVersionRequest;
import ai.instill.flink.proto.model.v1alpha.View;
import ai.instill.flink.task.ModelName;
import ai.instill.flink.task.ModelTask;
import com.google.protobuf.Struct;
import io.grpc.Channel;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@link ModelApi} over protocol {@code model.v1alpha}, whose calls name models by resource name
 * ({@code namespaces/{ns}/models/{m}/versions/{v}}).
 */
final class ModelV1alphaApi implements ModelApi {
    private final ModelPublicServiceFutureStub stub;

    ModelV1alphaApi(Channel channel) {
        this.stub = ModelPublicServiceGrpc.newFutureStub(channel);
    }

    @Override
    public CompletableFuture<TriggerOutcome> trigger(
            ModelName model, List<Struct> inputs, long deadlineMillis) {
        ModelPublicServiceFutureStub call =
                stub.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS);
        if (model.version() == null) {
            return GrpcFutures.map(
                    call.triggerModel(
                            TriggerModelRequest.newBuilder()
                                    .setName(model.modelResource())
                                    .addAllTaskInputs(inputs)
                                    .build()),
                    r ->
                            new TriggerOutcome(
                                    ModelTask.forNumber(r.getTaskValue()), r.getTaskOutputsList()));
        }
        return GrpcFutures.map(
                call.triggerModelVersion(
                        TriggerModelVersionRequest.newBuilder()
                                .setName(model.versionResource())
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
                        .getModel(
                                GetModelRequest.newBuilder()
                                        .setName(model.modelResource())
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
