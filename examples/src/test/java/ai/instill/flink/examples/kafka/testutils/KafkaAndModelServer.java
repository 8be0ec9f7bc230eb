package ai.instill.flink.examples.kafka.testutils;

import ai.instill.flink.server.LocalModelServer;
import ai.instill.flink.server.testing.LocalModelServerExtension;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One Kafka broker and one local model server (the test kit's {@link LocalModelServerExtension})
 * for a test class, started before its first test and stopped after its last; the server's faults
 * and counters are reset before each test.
 */
public final class KafkaAndModelServer
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
    private final LocalModelServerExtension server;
    private KafkaBroker kafka;

    /** With the server's default models. */
    public KafkaAndModelServer() {
        this.server = new LocalModelServerExtension();
    }

    /** With the server {@code serverBuilder} describes; it listens on a free port. */
    public KafkaAndModelServer(Supplier<LocalModelServer.Builder> serverBuilder) {
        this.server = new LocalModelServerExtension(serverBuilder);
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public LocalModelServer server() {
        return server.server();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        kafka = KafkaBroker.start();
        server.beforeAll(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        server.beforeEach(context);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        server.afterAll(context);
        if (kafka != null) {
            kafka.close();
        }
    }
}
