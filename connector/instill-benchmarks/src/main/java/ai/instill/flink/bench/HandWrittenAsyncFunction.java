package ai.instill.flink.bench;

import ai.instill.flink.proto.model.model.v1alpha.ModelPublicServiceGrpc;
import ai.instill.flink.proto.model.model.v1alpha.ModelPublicServiceGrpc.ModelPublicServiceFutureStub;
import ai.instill.flink.proto.model.model.v1alpha.TriggerNamespaceModelRequest;
import ai.instill.flink.proto.model.model.v1alpha.TriggerNamespaceModelResponse;
import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;

/**
 * The baseline users write today: a {@link RichAsyncFunction} with gRPC's generated future stub and
 * one {@code TriggerNamespaceModel} call per record, completed from the call's callback once it has
 * read the answer (it emits the record's {@link BenchRecord#dueNanos}, for the sink). No batching,
 * no retries.
 */
public final class HandWrittenAsyncFunction extends RichAsyncFunction<BenchRecord, Long> {
    private static final long serialVersionUID = 1L;

    private final String target;
    private final String modelName;
    private final Payload payload;

    private transient ManagedChannel channel;
    private transient ModelPublicServiceFutureStub stub;
    private transient String[] model; // namespace, model id, version

    public HandWrittenAsyncFunction(String target, String modelName, Payload payload) {
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
        stub = ModelPublicServiceGrpc.newFutureStub(channel);
        model = modelName.split("/");
    }

    @Override
    public void asyncInvoke(BenchRecord record, ResultFuture<Long> resultFuture) {
        TriggerNamespaceModelRequest request =
                TriggerNamespaceModelRequest.newBuilder()
                        .setNamespaceId(model[0])
                        .setModelId(model[1])
                        .setVersion(model[2])
                        .addTaskInputs(payload.handWrittenInput(record))
                        .build();
        Futures.addCallback(
                stub.withDeadlineAfter(60, TimeUnit.SECONDS).triggerNamespaceModel(request),
                new FutureCallback<TriggerNamespaceModelResponse>() {
                    @Override
                    public void onSuccess(TriggerNamespaceModelResponse response) {
                        payload.handWrittenOutput(response.getTaskOutputs(0));
                        resultFuture.complete(List.of(record.dueNanos));
                    }

                    @Override
                    public void onFailure(Throwable error) {
                        resultFuture.completeExceptionally(error);
                    }
                },
                MoreExecutors.directExecutor());
    }

    @Override
    public void close() throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
