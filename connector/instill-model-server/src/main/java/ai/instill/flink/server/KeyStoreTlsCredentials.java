package ai.instill.flink.server;

import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;

/**
 * Turns a PKCS12 key store holding the server's private key and certificate (and, for mutual TLS, a
 * PEM file of client CAs) into gRPC TLS server credentials.
 */
final class KeyStoreTlsCredentials {

    private KeyStoreTlsCredentials() {}

    /**
     * TLS with the key store's key; with {@code clientCa} (a PEM file, may be null) clients must
     * show a certificate.
     */
    static ServerCredentials load(Path pkcs12KeyStore, char[] password, Path clientCa) {
        try (InputStream in = Files.newInputStream(pkcs12KeyStore)) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, password);
            KeyManagerFactory keyManagers =
                    KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keyStore, password);
            TlsServerCredentials.Builder tls =
                    TlsServerCredentials.newBuilder().keyManager(keyManagers.getKeyManagers());
            if (clientCa != null) {
                tls.trustManager(clientCa.toFile())
                        .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE);
            }
            return tls.build();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "cannot load the TLS key store "
                            + pkcs12KeyStore
                            + " or client CA "
                            + clientCa
                            + ": "
                            + e.getMessage(),
                    e);
        }
    }
}
