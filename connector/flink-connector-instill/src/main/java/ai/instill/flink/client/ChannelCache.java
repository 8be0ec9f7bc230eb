package ai.instill.flink.client;

import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoop;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollIoHandler;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.nio.NioIoHandler;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import io.grpc.netty.shaded.io.netty.util.concurrent.EventExecutor;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Shares one gRPC channel per {@link ChannelSettings} in a JVM (a TaskManager runs many subtasks);
 * a channel is shut down when its last user releases it.
 */
final class ChannelCache {
    private static final TaskManagerShared<ChannelSettings, Entry> CHANNELS =
            new TaskManagerShared<>(
                    new TaskManagerShared.Kind<>() {
                        @Override
                        public Entry create(ChannelSettings settings, long nowNanos) {
                            return open(settings);
                        }

                        @Override
                        public long keepIdleNanos(Entry entry, long nowNanos) {
                            return 0;
                        }

                        @Override
                        public void dispose(Entry entry) {
                            shutdown(entry);
                        }
                    },
                    System::nanoTime);

    /** Connections per shared channel, each on an event loop of its own (see ConnectionPool). */
    static final int CONNECTIONS =
            Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));

    private ChannelCache() {}

    /** A counted reference to a shared channel; closing it releases the reference. */
    static final class Lease implements AutoCloseable {
        private final TaskManagerShared<ChannelSettings, Entry>.Lease shared;

        private Lease(TaskManagerShared<ChannelSettings, Entry>.Lease shared) {
            this.shared = shared;
        }

        ManagedChannel channel() {
            return shared.value().channel;
        }

        @Override
        public void close() {
            shared.close();
        }
    }

    private static final class Entry {
        final ManagedChannel channel;

        /** The channel's own event loops: their connections' I/O, calls and deadline timers. */
        final EventLoopGroup loop;

        Entry(ManagedChannel channel, EventLoopGroup loop) {
            this.channel = channel;
            this.loop = loop;
        }
    }

    static Lease acquire(ChannelSettings settings) {
        return new Lease(CHANNELS.acquire(settings));
    }

    /** How many distinct channels are open in this JVM (for tests and leak checks). */
    static int openChannels() {
        return CHANNELS.size();
    }

    /**
     * Opens the channel as {@link #CONNECTIONS} connections, each on an event loop of its own (one
     * daemon thread each). gRPC's default would put a connection on one loop of a shared group of 2
     * × cores loops and schedule every call's deadline timer on the next loop of that group in
     * turn: from the task thread, on a loop that is mostly asleep, so each call woke an idle thread
     * (an eventfd write, 17% of the task thread's samples, and a context switch). With a group of
     * one loop per connection, a call's timer lands on the loop that sends the call anyway.
     */
    private static Entry open(ChannelSettings settings) {
        FrameLogGuard.install();
        boolean epoll = Epoll.isAvailable();
        EventLoopGroup loops =
                new MultiThreadIoEventLoopGroup(
                        CONNECTIONS,
                        new DefaultThreadFactory("instill-grpc", true),
                        epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        ManagedChannel[] connections = new ManagedChannel[CONNECTIONS];
        Executor[] callLoops = new Executor[CONNECTIONS];
        try {
            ChannelCredentials credentials = credentials(settings);
            int i = 0;
            for (EventExecutor loop : loops) {
                callLoops[i] = loop;
                connections[i++] =
                        NettyChannelBuilder.forTarget(settings.endpoint().target(), credentials)
                                // a group of this one loop: the connection's I/O and its calls'
                                // deadline timers on the same thread
                                .eventLoopGroup((EventLoop) loop)
                                .channelType(
                                        epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                                .maxInboundMessageSize(settings.maxInboundMessageBytes())
                                .userAgent("flink-connector-instill")
                                // the engine retries within each record's budget; gRPC's own retry
                                // layer would only add a buffering stream wrapper to every call
                                // (about 6% of the operator thread in a profile of unbatched calls)
                                .disableRetry()
                                // answers are handled on the transport's thread: the engine's
                                // callbacks never block (they decode, complete futures and send
                                // what is ready), and handing each answer to gRPC's cached thread
                                // pool cost a thread switch per call (unbatched, 5 ms, 256 records
                                // in flight: 40 → 21 µs CPU per record)
                                .directExecutor()
                                .build();
            }
            return new Entry(new ConnectionPool(connections, callLoops), loops);
        } catch (RuntimeException e) {
            for (ManagedChannel built : connections) {
                if (built != null) {
                    built.shutdownNow();
                }
            }
            loops.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
    }

    private static ChannelCredentials credentials(ChannelSettings settings) {
        if (!settings.endpoint().tls()) {
            return InsecureChannelCredentials.create();
        }
        TlsChannelCredentials.Builder tls = TlsChannelCredentials.newBuilder();
        try {
            if (settings.caFile() != null) {
                tls.trustManager(new File(settings.caFile()));
            }
            if (settings.clientCertFile() != null) {
                tls.keyManager(
                        new File(settings.clientCertFile()), new File(settings.clientKeyFile()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot read the TLS files (tls.ca-file / tls.client-*-file)", e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IllegalArgumentException(
                    "The TLS files (tls.ca-file / tls.client-*-file) are not valid PEM: "
                            + e.getMessage(),
                    e);
        }
        return tls.build();
    }

    private static void shutdown(Entry entry) {
        ManagedChannel channel = entry.channel;
        channel.shutdown();
        try {
            if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
                channel.shutdownNow();
            }
        } catch (InterruptedException e) {
            channel.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            entry.loop.shutdownGracefully(0, 5, TimeUnit.SECONDS);
        }
    }
}
