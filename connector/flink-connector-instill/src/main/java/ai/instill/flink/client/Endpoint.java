package ai.instill.flink.client;

import java.io.Serializable;
import java.net.URI;

/**
 * Where Instill Model listens, parsed from the {@code endpoint} option: host, port and whether to
 * use TLS.
 */
record Endpoint(String host, int port, boolean tls) implements Serializable {

    /**
     * Parses {@code host:port}, {@code http://host:port} or {@code https://host[:port]}; {@code
     * https} or {@code tlsRequested} turns TLS on.
     */
    public static Endpoint parse(String text, boolean tlsRequested) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(
                    "Option 'endpoint' is required, for example localhost:8080");
        }
        String trimmed = text.trim();
        boolean https = trimmed.regionMatches(true, 0, "https://", 0, 8);
        URI uri;
        try {
            uri = URI.create(trimmed.contains("://") ? trimmed : "grpc://" + trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "Option 'endpoint' is not an address: " + trimmed, e);
        }
        String scheme = uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("grpc") && !scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException(
                    "Option 'endpoint' has scheme '"
                            + scheme
                            + "'; use host:port, http:// or https://");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("Option 'endpoint' has no host: " + trimmed);
        }
        if (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/")) {
            throw new IllegalArgumentException(
                    "Option 'endpoint' must not have a path (gRPC calls go to the host): "
                            + trimmed);
        }
        int port = uri.getPort();
        if (port < 0) {
            if (!https) {
                throw new IllegalArgumentException(
                        "Option 'endpoint' needs a port, for example " + uri.getHost() + ":8080");
            }
            port = 443;
        }
        return new Endpoint(uri.getHost(), port, https || tlsRequested);
    }

    /** The gRPC target, resolved through DNS. */
    public String target() {
        return "dns:///" + host + ":" + port;
    }

    @Override
    public String toString() {
        return (tls ? "https://" : "http://") + host + ":" + port;
    }
}
