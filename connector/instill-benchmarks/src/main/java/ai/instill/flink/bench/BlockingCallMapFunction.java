package ai.instill.flink.bench;

import ai.instill.flink.proto.model.model.v1alpha.ModelPublicServiceGrpc;
import ai.instill.flink.proto.model.model.v1alpha.ModelPublicServiceGrpc.ModelPublicServiceBlockingStub;
import ai.instill.flink.proto.model.model.v1alpha.TriggerNamespaceModelRequest;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * The simplest baseline: a {@link RichMapFunction} that makes one blocking trigger call per record
 * and reads the answer (it emits the record's {@link BenchRecord#dueNanos}, for the sink).
 */
public final class BlockingCallMapFunction extends RichMapFunction<BenchRecord, Long> {
    private static final long serialVersionUID = 1L;

    private final String target;
    private final String modelName;
    private final Payload payload;

    private transient ManagedChannel channel;
    private transient ModelPublicServiceBlockingStub stub;
    private transient String[] model; // namespace, model id, version

    public BlockingCallMapFunction(String target, String modelName, Payload payload) {
        this.target = target;
        this.modelName = modelName;
        this.payload = payload;
    }

    @Override
    public void open(OpenContext openContext) {
        channel =
                Grpc.newChannelBuilder(target, InsecureChannelCredentials.create())
                        .maxInboundMessageSize(64 * 1024 * 1024)
                        .build();
        stub = ModelPublicServiceGrpc.newBlockingStub(channel);
        model = modelName.split("/");
    }

    @Override
    public Long map(BenchRecord record) {
        TriggerNamespaceModelRequest request =
                TriggerNamespaceModelRequest.newBuilder()
                        .setNamespaceId(model[0])
                        .setModelId(model[1])
                        .setVersion(model[2])
                        .addTaskInputs(payload.handWrittenInput(record))
                        .build();
        payload.handWrittenOutput(
                stub.withDeadlineAfter(60, TimeUnit.SECONDS)
                        .triggerNamespaceModel(request)
                        .getTaskOutputs(0));
        return record.dueNanos;
    }

    @Override
    public void close() throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
