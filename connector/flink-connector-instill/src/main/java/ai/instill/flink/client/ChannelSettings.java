package ai.instill.flink.client;

import ai.instill.flink.config.InstillOptions;
import java.io.Serializable;
import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ReadableConfig;

/** Everything that makes two gRPC channels different; equal settings share one channel per JVM. */
@Internal
public record ChannelSettings(
        Endpoint endpoint,
        String caFile,
        String clientCertFile,
        String clientKeyFile,
        int maxInboundMessageBytes)
        implements Serializable {

    public static ChannelSettings from(ReadableConfig config) {
        Endpoint endpoint =
                Endpoint.parse(
                        config.get(InstillOptions.ENDPOINT),
                        config.get(InstillOptions.TLS_ENABLED));
        String caFile = config.getOptional(InstillOptions.TLS_CA_FILE).orElse(null);
        String certFile = config.getOptional(InstillOptions.TLS_CLIENT_CERT_FILE).orElse(null);
        String keyFile = config.getOptional(InstillOptions.TLS_CLIENT_KEY_FILE).orElse(null);
        if ((certFile == null) != (keyFile == null)) {
            throw new IllegalArgumentException(
                    "Mutual TLS needs both 'tls.client-cert-file' and 'tls.client-key-file'");
        }
        if (!endpoint.tls() && (caFile != null || certFile != null)) {
            throw new IllegalArgumentException(
                    "TLS files are set but the endpoint "
                            + endpoint
                            + " is plaintext; use https:// or tls.enabled");
        }
        long maxInbound = config.get(InstillOptions.MAX_INBOUND_MESSAGE_SIZE).getBytes();
        if (maxInbound < 1 || maxInbound > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "Option 'max-inbound-message-size' must be between 1 byte and 2 GiB");
        }
        return new ChannelSettings(endpoint, caFile, certFile, keyFile, (int) maxInbound);
    }
}
