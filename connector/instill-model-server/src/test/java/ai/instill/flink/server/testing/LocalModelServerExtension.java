package ai.instill.flink.server.testing;

import ai.instill.flink.server.LocalModelServer;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One local model server on a free port for a test class, registered as a static
 * {@code @RegisterExtension} field: started before the first test, its faults and counters reset
 * before each test, stopped after the last.
 */
public final class LocalModelServerExtension
        implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
    private final Supplier<LocalModelServer.Builder> builder;
    private LocalModelServer server;

    /** With the server's default models. */
    public LocalModelServerExtension() {
        this(() -> LocalModelServer.builder().withDefaultModels());
    }

    /** With the server {@code builder} describes; it listens on a free port. */
    public LocalModelServerExtension(Supplier<LocalModelServer.Builder> builder) {
        this.builder = builder;
    }

    public LocalModelServer server() {
        return server;
    }

    /** Where the server listens, as the connector's {@code endpoint} option takes it. */
    public String endpoint() {
        return server.target();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = builder.get().port(0).build().start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        server.reset();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (server != null) {
            server.stop();
            server = null;
        }
    }
}
