package ai.instill.flink.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EndpointTest {

    @Test
    void hostAndPortIsPlaintext() {
        assertThat(Endpoint.parse("localhost:8080", false))
                .isEqualTo(new Endpoint("localhost", 8080, false));
    }

    @Test
    void httpSchemeIsPlaintextAndHttpsIsTls() {
        assertThat(Endpoint.parse("http://model-backend:8083", false).tls()).isFalse();
        assertThat(Endpoint.parse("https://api.instill-ai.com", false))
                .isEqualTo(new Endpoint("api.instill-ai.com", 443, true));
    }

    @Test
    void tlsOptionTurnsTlsOnForAHostAndPort() {
        assertThat(Endpoint.parse("10.0.0.5:8080", true).tls()).isTrue();
    }

    @Test
    void targetResolvesThroughDns() {
        assertThat(Endpoint.parse("localhost:8080", false).target())
                .isEqualTo("dns:///localhost:8080");
    }

    @Test
    void missingPortOnPlaintextIsRefused() {
        assertThatThrownBy(() -> Endpoint.parse("localhost", false))
                .hasMessageContaining("needs a port");
    }

    @Test
    void pathsAndOtherSchemesAreRefused() {
        assertThatThrownBy(() -> Endpoint.parse("https://host:443/v1alpha", false))
                .hasMessageContaining("path");
        assertThatThrownBy(() -> Endpoint.parse("ftp://host:21", false))
                .hasMessageContaining("scheme");
        assertThatThrownBy(() -> Endpoint.parse(" ", false)).hasMessageContaining("required");
    }
}
