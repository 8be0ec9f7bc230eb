package ai.instill.flink.client;

import ai.instill.flink.config.ProtocolVersion;
import ai.instill.flink.task.ModelName;
import com.google.protobuf.Struct;
import io.grpc.Channel;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The calls the connector makes, independent of which generation of the gRPC API carries them. */
interface ModelApi {

    CompletableFuture<TriggerOutcome> trigger(
            ModelName model, List<Struct> inputs, long deadlineMillis);

    CompletableFuture<ModelInfo> getModel(ModelName model, long deadlineMillis);

    static ModelApi of(ProtocolVersion version, Channel channel) {
        return switch (version) {
            case MODEL_MODEL_V1ALPHA -> new ModelModelV1alphaApi(channel);
            case MODEL_V1ALPHA -> new ModelV1alphaApi(channel);
        };
    }
}
