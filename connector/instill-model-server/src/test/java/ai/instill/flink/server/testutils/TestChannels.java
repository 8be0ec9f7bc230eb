package ai.instill.flink.server.testutils;

import ai.instill.flink.server.LocalModelServer;
import io.grpc.ClientInterceptor;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.util.concurrent.TimeUnit;

/**
 * Opens plaintext loopback channels to a {@link LocalModelServer} and builds header interceptors.
 */
public final class TestChannels {

    public static final int MAX_INBOUND = 64 * 1024 * 1024;

    private TestChannels() {}

    public static ManagedChannel plaintext(LocalModelServer server) {
        return Grpc.newChannelBuilder(server.target(), InsecureChannelCredentials.create())
                .maxInboundMessageSize(MAX_INBOUND)
                .build();
    }

    /** Attaches each name/value pair as a header (a name given twice is sent twice). */
    public static ClientInterceptor headers(String... namesAndValues) {
        Metadata metadata = new Metadata();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            metadata.put(
                    Metadata.Key.of(namesAndValues[i], Metadata.ASCII_STRING_MARSHALLER),
                    namesAndValues[i + 1]);
        }
        return MetadataUtils.newAttachHeadersInterceptor(metadata);
    }

    public static void close(ManagedChannel channel) throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
