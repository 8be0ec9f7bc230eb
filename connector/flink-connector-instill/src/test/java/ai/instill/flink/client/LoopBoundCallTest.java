package ai.instill.flink.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ClientCall;
import io.grpc.Metadata;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

class LoopBoundCallTest {

    @Test
    void everyStepWaitsForTheLoopAndRunsThereInOrder() {
        RecordingCall call = new RecordingCall();
        Queue<Runnable> loop = new ArrayDeque<>();
        LoopBoundCall<String, String> bound = new LoopBoundCall<>(call, loop::add);

        bound.start(new ClientCall.Listener<>() {}, new Metadata());
        bound.request(2);
        bound.sendMessage("hello");
        bound.halfClose();
        assertThat(call.steps).isEmpty();

        loop.forEach(Runnable::run);
        assertThat(call.steps).containsExactly("start", "request 2", "send hello", "halfClose");
    }

    @Test
    void aStepThatThrowsOnTheLoopCancelsTheCall() {
        RecordingCall call = new RecordingCall();
        call.failOnSend = true;
        LoopBoundCall<String, String> bound = new LoopBoundCall<>(call, Runnable::run);

        bound.sendMessage("too big");

        assertThat(call.steps).containsExactly("cancel the call failed on its event loop");
        assertThat(call.cancelCause).hasMessage("cannot serialize");
    }

    @Test
    void aLoopThatHasShutDownLetsTheCallerRunTheStep() {
        RecordingCall call = new RecordingCall();
        Executor shutDown =
                task -> {
                    throw new RejectedExecutionException("event executor terminated");
                };
        LoopBoundCall<String, String> bound = new LoopBoundCall<>(call, shutDown);

        bound.cancel("closing", null);

        assertThat(call.steps).containsExactly("cancel closing");
    }

    /** Records the steps made on it. */
    private static final class RecordingCall extends ClientCall<String, String> {
        final List<String> steps = new ArrayList<>();
        boolean failOnSend;
        Throwable cancelCause;

        @Override
        public void start(Listener<String> listener, Metadata headers) {
            steps.add("start");
        }

        @Override
        public void request(int messages) {
            steps.add("request " + messages);
        }

        @Override
        public void cancel(String message, Throwable cause) {
            steps.add("cancel " + message);
            cancelCause = cause;
        }

        @Override
        public void halfClose() {
            steps.add("halfClose");
        }

        @Override
        public void sendMessage(String message) {
            if (failOnSend) {
                throw new IllegalStateException("cannot serialize");
            }
            steps.add("send " + message);
        }
    }
}
