package ai.instill.flink.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.instill.flink.config.InstillOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.junit.jupiter.api.Test;

class ChannelSettingsTest {

    @Test
    void defaultsRaiseTheInboundLimitWellAboveGrpcsFourMebibytes() {
        Configuration config = new Configuration();
        config.set(InstillOptions.ENDPOINT, "localhost:8080");
        assertThat(ChannelSettings.from(config).maxInboundMessageBytes())
                .isEqualTo(128 * 1024 * 1024);
    }

    @Test
    void inboundLimitIsConfigurable() {
        Configuration config = new Configuration();
        config.set(InstillOptions.ENDPOINT, "localhost:8080");
        config.set(InstillOptions.MAX_INBOUND_MESSAGE_SIZE, MemorySize.parse("1gb"));
        assertThat(ChannelSettings.from(config).maxInboundMessageBytes()).isEqualTo(1 << 30);
    }

    @Test
    void tlsFilesOnAPlaintextEndpointAreRefused() {
        Configuration config = new Configuration();
        config.set(InstillOptions.ENDPOINT, "localhost:8080");
        config.set(InstillOptions.TLS_CA_FILE, "/tmp/ca.pem");
        assertThatThrownBy(() -> ChannelSettings.from(config)).hasMessageContaining("plaintext");
    }

    @Test
    void mutualTlsNeedsBothFiles() {
        Configuration config = new Configuration();
        config.set(InstillOptions.ENDPOINT, "https://localhost:8443");
        config.set(InstillOptions.TLS_CLIENT_CERT_FILE, "/tmp/client.pem");
        assertThatThrownBy(() -> ChannelSettings.from(config))
                .hasMessageContaining("tls.client-key-file");
    }
}
