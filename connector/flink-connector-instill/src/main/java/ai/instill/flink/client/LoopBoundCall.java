package ai.instill.flink.client;

import io.grpc.ClientCall;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * A call whose steps (start, request, send, half-close, cancel) run on the event loop of its
 * connection, in the order they were made, so that the thread that makes the call only hands it
 * over: starting a gRPC call (its stream, headers, deadline timer and framing) was the largest
 * share of the task thread's time per record, and the task thread passes every record of a wave one
 * after another.
 */
final class LoopBoundCall<Q, R> extends ForwardingClientCall<Q, R> {
    private final ClientCall<Q, R> call;
    private final Executor loop;

    LoopBoundCall(ClientCall<Q, R> call, Executor loop) {
        this.call = call;
        this.loop = loop;
    }

    @Override
    protected ClientCall<Q, R> delegate() {
        return call;
    }

    @Override
    public void start(Listener<R> listener, Metadata headers) {
        onLoop(() -> call.start(listener, headers));
    }

    @Override
    public void request(int messages) {
        onLoop(() -> call.request(messages));
    }

    @Override
    public void sendMessage(Q message) {
        onLoop(() -> call.sendMessage(message));
    }

    @Override
    public void halfClose() {
        onLoop(call::halfClose);
    }

    @Override
    public void cancel(String message, Throwable cause) {
        onLoop(() -> call.cancel(message, cause));
    }

    /**
     * Runs a step on the loop; a step that throws cancels the call, so that its listener hears of
     * it instead of the loop's log. A loop that has shut down runs it here: the channel is closing
     * and the call fails at once.
     */
    private void onLoop(Runnable step) {
        Runnable guarded =
                () -> {
                    try {
                        step.run();
                    } catch (RuntimeException | Error e) {
                        call.cancel("the call failed on its event loop", e);
                    }
                };
        try {
            loop.execute(guarded);
        } catch (RejectedExecutionException e) {
            guarded.run();
        }
    }
}
