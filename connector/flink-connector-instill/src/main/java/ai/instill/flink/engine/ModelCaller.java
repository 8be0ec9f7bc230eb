package ai.instill.flink.engine;

import ai.instill.flink.task.ModelName;
import com.google.protobuf.Struct;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Sends one trigger call with encoded inputs; completes with one output per input or fails. */
@FunctionalInterface
interface ModelCaller {
    CompletableFuture<List<Struct>> call(ModelName model, List<Struct> inputs, Duration deadline);
}
