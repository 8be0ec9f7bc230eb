package ai.instill.flink.client;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Bridges the futures of gRPC's generated future stubs to {@link CompletableFuture}, cancellation
 * included.
 */
final class GrpcFutures {
    private GrpcFutures() {}

    static <R, T> CompletableFuture<T> map(ListenableFuture<R> call, Function<R, T> convert) {
        CompletableFuture<T> result =
                new CompletableFuture<>() {
                    @Override
                    public boolean cancel(boolean mayInterruptIfRunning) {
                        call.cancel(true);
                        return super.cancel(mayInterruptIfRunning);
                    }
                };
        Futures.addCallback(
                call,
                new FutureCallback<>() {
                    @Override
                    public void onSuccess(R response) {
                        try {
                            result.complete(convert.apply(response));
                        } catch (RuntimeException e) {
                            result.completeExceptionally(e);
                        }
                    }

                    @Override
                    public void onFailure(Throwable error) {
                        result.completeExceptionally(error);
                    }
                },
                MoreExecutors.directExecutor());
        return result;
    }
}
