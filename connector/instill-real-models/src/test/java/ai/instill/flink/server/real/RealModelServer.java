package ai.instill.flink.server.real;

import static org.assertj.core.api.Assertions.assertThat;

import ai.instill.flink.proto.model.model.v1alpha.ModelPublicServiceGrpc;
import ai.instill.flink.proto.model.model.v1alpha.TriggerNamespaceModelRequest;
import ai.instill.flink.server.LocalModelServer;
import ai.instill.flink.server.real.weights.WeightFile;
import ai.instill.flink.server.real.weights.Weights;
import ai.instill.flink.server.real.weights.WeightsUnavailable;
import com.google.protobuf.Struct;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The local model server with the real models on a free port for a test class, and calls to them
 * over gRPC; a test is skipped, with the reason printed, only when the build could not fetch its
 * model's files.
 */
final class RealModelServer implements BeforeAllCallback, AfterAllCallback {

    private LocalModelServer server;
    private ManagedChannel channel;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = LocalModelServer.builder().withModelPacks().port(0).build().start();
        channel =
                Grpc.newChannelBuilder(server.target(), InsecureChannelCredentials.create())
                        .maxInboundMessageSize(64 * 1024 * 1024)
                        .build();
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.stop();
    }

    /**
     * Skips the test when one of the files was not fetched at build time; otherwise the model must
     * be served by its real backend.
     */
    void assumeReal(String model, WeightFile... files) {
        for (WeightFile file : files) {
            try {
                Weights.path(file);
            } catch (WeightsUnavailable e) {
                System.out.println("SKIPPED (" + model + "): " + e.getMessage());
                Assumptions.abort("the build could not fetch the model's files: " + e.getMessage());
            }
        }
        assertThat(server.isReal(model)).as(server.backend(model)).isTrue();
    }

    /** The model's one task output for the input, through the model.model.v1alpha protocol. */
    Struct call(String model, Struct input) {
        List<Struct> outputs = callAll(model, List.of(input));
        assertThat(outputs).as("task outputs of " + model).hasSize(1);
        return outputs.get(0);
    }

    /** The model's task outputs for a batch of inputs in one trigger call. */
    List<Struct> callAll(String model, List<Struct> inputs) {
        String[] name = model.split("/"); // namespace/model/version
        return ModelPublicServiceGrpc.newBlockingStub(channel)
                .withDeadlineAfter(60, TimeUnit.SECONDS)
                .triggerNamespaceModel(
                        TriggerNamespaceModelRequest.newBuilder()
                                .setNamespaceId(name[0])
                                .setModelId(name[1])
                                .setVersion(name[2])
                                .addAllTaskInputs(inputs)
                                .build())
                .getTaskOutputsList();
    }
}
