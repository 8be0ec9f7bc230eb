package ai.instill.flink.server;

import ai.instill.flink.proto.common.task.v1alpha.Task;
import ai.instill.flink.server.models.ModelBackend;
import ai.instill.flink.server.models.StandInModels;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.IoHandlerFactory;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollIoHandler;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.nio.NioIoHandler;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local gRPC server speaking the Instill Model protocol — both generations, {@code
 * model.model.v1alpha} and {@code model.v1alpha}, on one port — for the connector's tests, demos
 * and benchmarks, with per-model fault injection ({@link ModelFaults}) and counters ({@link
 * ModelStats}).
 *
 * <h2>The models are stand-ins, unless a real one is plugged in</h2>
 *
 * <p>The models of {@link DefaultModels} are <b>deterministic stand-ins</b>, small reference
 * implementations that compute their answer from the input — dominant colours for classification,
 * connected blobs for detection, the server's own bitmap font for OCR, reversed prompts for
 * completion, and so on. They are <b>not real AI models</b>, and every output says so in {@code
 * metadata.stand-in}. They exist so that clients can be tested against realistic wire shapes,
 * errors and timings without model weights or a GPU. Real models come from {@link ModelPack}s on
 * the class path ({@link Builder#withModelPacks()}) or from {@link Builder#model(String, Task,
 * ModelBackend)}; {@link #backend(String)} tells which is which.
 *
 * <pre>{@code
 * try (LocalModelServer server = LocalModelServer.builder()
 *         .port(0)
 *         .model("acme/classifier/v1", Task.TASK_CLASSIFICATION)
 *         .withDefaultModels()
 *         .build()
 *         .start()) {
 *     server.faults("acme/classifier/v1").latency(Duration.ofMillis(20));
 *     String target = server.target();   // "127.0.0.1:<port>"
 * }
 * }</pre>
 */
public final class LocalModelServer implements AutoCloseable {

    /** Largest request accepted, as the real server's 256 MiB limit. */
    public static final int DEFAULT_MAX_INBOUND_MESSAGE_SIZE = 256 * 1024 * 1024;

    private final String host;
    private final int requestedPort;
    private final ModelCatalog catalog;
    private final String apiToken;
    private final ServerCredentials credentials;
    private final int maxInboundMessageSize;

    private Server server;
    private ScheduledExecutorService models;
    private EventLoopGroup acceptor;
    private EventLoopGroup connections;

    /**
     * The port bound by the first start; a restart binds it again, also when the builder asked for
     * port 0.
     */
    private int boundPort = -1;

    private LocalModelServer(Builder builder) {
        this.host = builder.host;
        this.requestedPort = builder.port;
        this.apiToken = builder.apiToken;
        this.maxInboundMessageSize = builder.maxInboundMessageSize;
        this.credentials =
                builder.tlsKeyStore == null
                        ? InsecureServerCredentials.create()
                        : KeyStoreTlsCredentials.load(
                                builder.tlsKeyStore, builder.tlsPassword, builder.clientCa);
        List<ServedModel> models = new ArrayList<>();
        builder.models.forEach(
                (name, registration) ->
                        models.add(
                                new ServedModel(
                                        ModelName.parse(name),
                                        registration.task,
                                        registration.model,
                                        new ModelFaults(),
                                        new ModelStats())));
        this.catalog = new ModelCatalog(models);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds the port and starts serving. A stopped server can be started again: it binds the same
     * port as before (also when the builder asked for port 0) and keeps its models, faults and
     * counters, like a model server that restarts.
     *
     * @throws UncheckedIOException when the port cannot be bound
     * @throws IllegalStateException when already started
     */
    public synchronized LocalModelServer start() {
        if (server != null) {
            throw new IllegalStateException("the LocalModelServer is already started");
        }
        int port = boundPort >= 0 ? boundPort : requestedPort;
        models =
                Executors.newScheduledThreadPool(
                        Math.max(2, Runtime.getRuntime().availableProcessors()),
                        daemonThreads("model"));
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        acceptor =
                new MultiThreadIoEventLoopGroup(
                        1, new DefaultThreadFactory("local-model-server-accept", true), io);
        connections =
                new MultiThreadIoEventLoopGroup(
                        Math.max(2, Runtime.getRuntime().availableProcessors()),
                        new DefaultThreadFactory("local-model-server-io", true),
                        io);
        TriggerHandler triggers = new TriggerHandler(models, connections);
        Server built =
                NettyServerBuilder.forAddress(new InetSocketAddress(host, port), credentials)
                        .bossEventLoopGroup(acceptor)
                        .workerEventLoopGroup(connections)
                        .channelType(
                                epoll
                                        ? EpollServerSocketChannel.class
                                        : NioServerSocketChannel.class)
                        // handlers only check inputs and schedule the answer: no hand-over to a
                        // thread pool
                        .directExecutor()
                        .addService(new ModelModelV1alphaService(catalog, triggers))
                        .addService(new ModelV1alphaService(catalog, triggers))
                        .intercept(new CallHeadersInterceptor(apiToken))
                        .maxInboundMessageSize(maxInboundMessageSize)
                        .permitKeepAliveTime(1, TimeUnit.SECONDS)
                        .permitKeepAliveWithoutCalls(true)
                        .build();
        try {
            built.start();
        } catch (IOException e) {
            models.shutdownNow();
            shutDownLoops();
            throw new UncheckedIOException(
                    "cannot start the local model server on " + host + ":" + port, e);
        }
        server = built;
        boundPort = built.getPort();
        return this;
    }

    /**
     * Stops the server and starts it again on the same port after {@code downtime}, as a restarting
     * server.
     */
    public LocalModelServer restart(java.time.Duration downtime) throws InterruptedException {
        stop();
        Thread.sleep(downtime.toMillis());
        return start();
    }

    /** Whether the server is serving now. */
    public synchronized boolean isRunning() {
        return server != null;
    }

    /**
     * The bound port (the real one when the builder asked for port 0); also known while stopped for
     * a restart.
     */
    public synchronized int port() {
        if (boundPort < 0) {
            throw new IllegalStateException("the server is not started");
        }
        return boundPort;
    }

    /** The host the server binds. */
    public String host() {
        return host;
    }

    /**
     * A gRPC target to dial, e.g. "127.0.0.1:50051" (a wildcard bind address is replaced by
     * 127.0.0.1).
     */
    public String target() {
        String dialHost = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        return (dialHost.contains(":") ? "[" + dialHost + "]" : dialHost) + ":" + port();
    }

    /** Every served model as "namespace/model/version", in registration order. */
    public List<String> modelNames() {
        List<String> names = new ArrayList<>();
        for (ServedModel served : catalog.all()) {
            names.add(served.name().toString());
        }
        return names;
    }

    /** The task of a served model. */
    public Task task(String modelName) {
        return served(modelName).task();
    }

    /**
     * How the model list shows the backend of a served model: {@code "real: <model>"} or {@code
     * "stand-in"} (with the reason when a real model fell back to it).
     */
    public String backend(String modelName) {
        return served(modelName).model().label();
    }

    /** Whether a served model runs a real model rather than a stand-in. */
    public boolean isReal(String modelName) {
        return served(modelName).model().isReal();
    }

    /** The live, thread-safe fault settings of one model ("namespace/model/version"). */
    public ModelFaults faults(String modelName) {
        return served(modelName).faults();
    }

    /** The call counters of one model ("namespace/model/version"). */
    public ModelStats stats(String modelName) {
        return served(modelName).stats();
    }

    /** Clears the faults and counters of every model. */
    public void reset() {
        for (ServedModel served : catalog.all()) {
            served.faults().reset();
            served.stats().reset();
        }
    }

    /** Blocks until the server has stopped. */
    public void awaitTermination() throws InterruptedException {
        Server running;
        synchronized (this) {
            running = server;
        }
        if (running != null) {
            running.awaitTermination();
        }
    }

    /**
     * Stops serving; calls still waiting for their answer are cancelled and open connections are
     * closed. Idempotent; {@link #start()} serves again on the same port.
     */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        Server stopping = server;
        server = null;
        stopping.shutdown();
        try {
            if (!stopping.awaitTermination(200, TimeUnit.MILLISECONDS)) {
                stopping.shutdownNow();
                stopping.awaitTermination(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            stopping.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            models.shutdownNow();
            shutDownLoops();
        }
    }

    private void shutDownLoops() {
        acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        connections.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        stop();
    }

    private ServedModel served(String modelName) {
        return catalog.byName(modelName)
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "no model "
                                                + modelName
                                                + " is served; known models: "
                                                + modelNames()));
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Collects the address, models, credentials and limits of a {@link LocalModelServer}. */
    public static final class Builder {

        private String host = "127.0.0.1";
        private int port = 0;
        private final Map<String, Registration> models = new LinkedHashMap<>();
        private String apiToken;
        private Path tlsKeyStore;
        private char[] tlsPassword;
        private Path clientCa;
        private int maxInboundMessageSize = DEFAULT_MAX_INBOUND_MESSAGE_SIZE;

        private Builder() {}

        /** The port to bind; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be within 0..65535: " + port);
            }
            this.port = port;
            return this;
        }

        /** The address to bind, 127.0.0.1 by default; "0.0.0.0" serves every interface. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** Serves "namespace/model/version" with the default stand-in for the task. */
        public Builder model(String namespaceModelVersion, Task task) {
            return model(namespaceModelVersion, task, StandInModels.forTask(task));
        }

        /**
         * Serves "namespace/model/version" with a custom backend (e.g. a real model or a test
         * double).
         */
        public Builder model(String namespaceModelVersion, Task task, ModelBackend implementation) {
            ModelName name = ModelName.parse(namespaceModelVersion);
            Objects.requireNonNull(task, "task");
            Objects.requireNonNull(implementation, "implementation");
            if (models.containsKey(name.toString())) {
                throw new IllegalArgumentException("model " + name + " is registered twice");
            }
            for (Map.Entry<String, Registration> other : models.entrySet()) {
                ModelName otherName = ModelName.parse(other.getKey());
                if (otherName.namespace().equals(name.namespace())
                        && otherName.model().equals(name.model())
                        && other.getValue().task != task) {
                    throw new IllegalArgumentException(
                            "all versions of "
                                    + name.resourceName()
                                    + " must have the same task, but "
                                    + otherName
                                    + " has "
                                    + other.getValue().task);
                }
            }
            models.put(name.toString(), new Registration(task, implementation));
            return this;
        }

        /** Adds the {@link DefaultModels} catalogue (skipping names already registered). */
        public Builder withDefaultModels() {
            DefaultModels.all()
                    .forEach(
                            (name, task) -> {
                                if (!models.containsKey(name)) {
                                    model(name, task);
                                }
                            });
            return this;
        }

        /**
         * Adds the models of every {@link ModelPack} on the class path (skipping names already
         * registered); without any, nothing changes.
         */
        public Builder withModelPacks() {
            for (ModelPack pack : ServiceLoader.load(ModelPack.class)) {
                for (ModelPack.PackedModel packed : pack.models()) {
                    if (!models.containsKey(ModelName.parse(packed.name()).toString())) {
                        model(packed.name(), packed.task(), packed.backend());
                    }
                }
            }
            return this;
        }

        /**
         * Requires every call (but Liveness/Readiness) to carry exactly one {@code authorization:
         * Bearer <token>}.
         */
        public Builder apiToken(String token) {
            if (token == null || token.isEmpty()) {
                throw new IllegalArgumentException("the API token must not be empty");
            }
            this.apiToken = token;
            return this;
        }

        /** Serves TLS with the private key and certificate chain of a PKCS12 key store. */
        public Builder tls(Path pkcs12KeyStore, String password) {
            this.tlsKeyStore = Objects.requireNonNull(pkcs12KeyStore, "pkcs12KeyStore");
            this.tlsPassword = Objects.requireNonNull(password, "password").toCharArray();
            return this;
        }

        /**
         * Requires mutual TLS: every client must present a certificate signed by one of the CA
         * certificates in this PEM file. Needs {@link #tls}.
         */
        public Builder clientCa(Path caPem) {
            this.clientCa = Objects.requireNonNull(caPem, "caPem");
            return this;
        }

        /**
         * Largest request the server accepts (default {@value #DEFAULT_MAX_INBOUND_MESSAGE_SIZE}
         * bytes).
         */
        public Builder maxInboundMessageSize(int bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException(
                        "maxInboundMessageSize must be positive: " + bytes);
            }
            this.maxInboundMessageSize = bytes;
            return this;
        }

        /**
         * Creates the (not yet started) server.
         *
         * @throws IllegalStateException when no model is registered
         * @throws IllegalArgumentException when the TLS key store cannot be loaded
         */
        public LocalModelServer build() {
            if (models.isEmpty()) {
                throw new IllegalStateException(
                        "register at least one model: model(...) or withDefaultModels()");
            }
            if (clientCa != null && tlsKeyStore == null) {
                throw new IllegalStateException(
                        "clientCa(...) needs tls(...): mutual TLS is TLS with client certificates");
            }
            return new LocalModelServer(this);
        }

        private record Registration(Task task, ModelBackend model) {}
    }
}
