package ai.instill.flink.client;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One logical channel over several connections, each a channel of its own on its own event loop;
 * calls take the connections in turn. With one record per call, calls leave and come back in waves
 * of the records in flight, and every call of a wave passes, one after another, through the event
 * loop of its connection on both sides; two connections halve the wave each loop has to pass. Each
 * call runs on its connection's loop ({@link LoopBoundCall}).
 */
final class ConnectionPool extends ManagedChannel {
    private final ManagedChannel[] connections;
    private final Executor[] loops;
    private final AtomicInteger next = new AtomicInteger();

    /** {@code loops[i]} is the event loop of {@code connections[i]}, where its calls run. */
    ConnectionPool(ManagedChannel[] connections, Executor[] loops) {
        if (connections.length == 0 || loops.length != connections.length) {
            throw new IllegalArgumentException("a pool needs a connection and its loop, in pairs");
        }
        this.connections = connections.clone();
        this.loops = loops.clone();
    }

    int size() {
        return connections.length;
    }

    @Override
    public <Q, R> ClientCall<Q, R> newCall(MethodDescriptor<Q, R> method, CallOptions options) {
        int turn = Math.floorMod(next.getAndIncrement(), connections.length);
        return new LoopBoundCall<>(connections[turn].newCall(method, options), loops[turn]);
    }

    @Override
    public String authority() {
        return connections[0].authority();
    }

    @Override
    public ManagedChannel shutdown() {
        for (ManagedChannel connection : connections) {
            connection.shutdown();
        }
        return this;
    }

    @Override
    public ManagedChannel shutdownNow() {
        for (ManagedChannel connection : connections) {
            connection.shutdownNow();
        }
        return this;
    }

    @Override
    public boolean isShutdown() {
        for (ManagedChannel connection : connections) {
            if (!connection.isShutdown()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean isTerminated() {
        for (ManagedChannel connection : connections) {
            if (!connection.isTerminated()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        for (ManagedChannel connection : connections) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !connection.awaitTermination(left, TimeUnit.NANOSECONDS)) {
                return isTerminated();
            }
        }
        return true;
    }
}
