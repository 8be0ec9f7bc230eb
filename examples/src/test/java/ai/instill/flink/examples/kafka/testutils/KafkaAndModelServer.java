package ai.instill.flink.examples.kafka.testutils;

import ai.instill.flink.server.LocalModelServer;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One Kafka broker and one local model server for a test class, started before its first test and
 * stopped after its last; the server's faults and counters are reset before each test.
 */
public final class KafkaAndModelServer
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
    private final Supplier<LocalModelServer.Builder> serverBuilder;
    private KafkaBroker kafka;
    private LocalModelServer server;

    /** With the server's default stand-in models. */
    public KafkaAndModelServer() {
        this(() -> LocalModelServer.builder().withDefaultModels());
    }

    /** With the server {@code serverBuilder} describes; it listens on a free port. */
    public KafkaAndModelServer(Supplier<LocalModelServer.Builder> serverBuilder) {
        this.serverBuilder = serverBuilder;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public LocalModelServer server() {
        return server;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        kafka = KafkaBroker.start();
        server = serverBuilder.get().port(0).build().start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        server.reset();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (server != null) {
            server.stop();
        }
        if (kafka != null) {
            kafka.close();
        }
    }
}
