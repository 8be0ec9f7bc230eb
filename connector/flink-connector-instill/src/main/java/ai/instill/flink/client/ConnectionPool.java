package ai.instill.flink.client;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One logical channel over several connections, each a channel of its own on its own event loop;
 * calls take the connections in turn. With one record per call, calls leave and come back in waves
 * of the records in flight, and every call of a wave passes, one after another, through the event
 * loop of its connection on both sides; two connections halve the wave each loop has to pass.
 */
final class ConnectionPool extends ManagedChannel {
    private final ManagedChannel[] connections;
    private final AtomicInteger next = new AtomicInteger();

    ConnectionPool(ManagedChannel[] connections) {
        if (connections.length == 0) {
            throw new IllegalArgumentException("a pool needs at least one connection");
        }
        this.connections = connections.clone();
    }

    int size() {
        return connections.length;
    }

    @Override
    public <Q, R> ClientCall<Q, R> newCall(MethodDescriptor<Q, R> method, CallOptions options) {
        int turn = Math.floorMod(next.getAndIncrement(), connections.length);
        return connections[turn].newCall(method, options);
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
