package ai.instill.flink.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConnectionPoolTest {
    private static final MethodDescriptor.Marshaller<Void> NOTHING =
            new MethodDescriptor.Marshaller<>() {
                @Override
                public InputStream stream(Void value) {
                    return new ByteArrayInputStream(new byte[0]);
                }

                @Override
                public Void parse(InputStream stream) {
                    return null;
                }
            };
    private static final MethodDescriptor<Void, Void> METHOD =
            MethodDescriptor.<Void, Void>newBuilder()
                    .setType(MethodDescriptor.MethodType.UNARY)
                    .setFullMethodName("test.Service/Call")
                    .setRequestMarshaller(NOTHING)
                    .setResponseMarshaller(NOTHING)
                    .build();

    @Test
    void callsTakeTheConnectionsInTurn() {
        CountingChannel a = new CountingChannel();
        CountingChannel b = new CountingChannel();
        ConnectionPool pool =
                new ConnectionPool(
                        new ManagedChannel[] {a, b}, new Executor[] {Runnable::run, Runnable::run});
        for (int i = 0; i < 5; i++) {
            pool.newCall(METHOD, CallOptions.DEFAULT);
        }
        assertThat(a.calls).isEqualTo(3);
        assertThat(b.calls).isEqualTo(2);
        assertThat(pool.size()).isEqualTo(2);
        assertThat(pool.authority()).isEqualTo("a");
    }

    @Test
    void shutsDownAndTerminatesWithAllItsConnections() throws InterruptedException {
        CountingChannel a = new CountingChannel();
        CountingChannel b = new CountingChannel();
        ConnectionPool pool =
                new ConnectionPool(
                        new ManagedChannel[] {a, b}, new Executor[] {Runnable::run, Runnable::run});
        assertThat(pool.isShutdown()).isFalse();
        pool.shutdown();
        assertThat(a.shutdown && b.shutdown).isTrue();
        assertThat(pool.isShutdown()).isTrue();
        assertThat(pool.isTerminated()).isTrue();
        assertThat(pool.awaitTermination(1, TimeUnit.SECONDS)).isTrue();

        CountingChannel c = new CountingChannel();
        CountingChannel stuck = new CountingChannel();
        stuck.terminates = false;
        ConnectionPool other =
                new ConnectionPool(
                        new ManagedChannel[] {c, stuck},
                        new Executor[] {Runnable::run, Runnable::run});
        other.shutdownNow();
        assertThat(c.shutdown && stuck.shutdown).isTrue();
        assertThat(other.awaitTermination(10, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(other.isTerminated()).isFalse();
    }

    @Test
    void needsAConnection() {
        assertThatThrownBy(() -> new ConnectionPool(new ManagedChannel[0], new Executor[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Counts the calls made on it; terminated as soon as it is shut down (unless told not to). */
    private static final class CountingChannel extends ManagedChannel {
        int calls;
        boolean shutdown;
        boolean terminates = true;

        @Override
        public <Q, R> ClientCall<Q, R> newCall(MethodDescriptor<Q, R> method, CallOptions options) {
            calls++;
            return null;
        }

        @Override
        public String authority() {
            return "a";
        }

        @Override
        public ManagedChannel shutdown() {
            shutdown = true;
            return this;
        }

        @Override
        public ManagedChannel shutdownNow() {
            return shutdown();
        }

        @Override
        public boolean isShutdown() {
            return shutdown;
        }

        @Override
        public boolean isTerminated() {
            return shutdown && terminates;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return isTerminated();
        }
    }
}
