package ai.instill.flink.server;

import static ai.instill.flink.server.ModelModelV1alphaProtocolTest.red;
import static ai.instill.flink.server.ModelModelV1alphaProtocolTest.trigger;
import static org.assertj.core.api.Assertions.assertThat;

import ai.instill.flink.proto.common.task.v1alpha.Task;
import ai.instill.flink.proto.model.model.v1alpha.ModelPublicServiceGrpc;
import ai.instill.flink.server.testutils.TestChannels;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsTest {

    private static final String PASSWORD = "changeit";

    @TempDir Path directory;

    @Test
    void servesTlsWithAKeyStoreAndAClientTrustingItsCertificate() throws Exception {
        Path keyStore = directory.resolve("server.p12");
        Path certificate = directory.resolve("server.pem");
        keytool(
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-storetype",
                "PKCS12",
                "-keystore",
                keyStore.toString(),
                "-storepass",
                PASSWORD,
                "-keypass",
                PASSWORD,
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=dns:localhost,ip:127.0.0.1",
                "-validity",
                "2");
        keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                "server",
                "-keystore",
                keyStore.toString(),
                "-storepass",
                PASSWORD,
                "-file",
                certificate.toString());

        try (LocalModelServer server =
                LocalModelServer.builder()
                        .model("acme/classifier/v1", Task.TASK_CLASSIFICATION)
                        .tls(keyStore, PASSWORD)
                        .build()
                        .start()) {
            ChannelCredentials credentials =
                    TlsChannelCredentials.newBuilder().trustManager(certificate.toFile()).build();
            ManagedChannel channel = Grpc.newChannelBuilder(server.target(), credentials).build();
            try {
                assertThat(
                                ModelPublicServiceGrpc.newBlockingStub(channel)
                                        .triggerNamespaceModel(
                                                trigger("acme", "classifier", "v1", red()))
                                        .getTaskOutputsCount())
                        .isEqualTo(1);
            } finally {
                TestChannels.close(channel);
            }
        }
    }

    @Test
    void mutualTlsServesClientsWithACertificateFromItsCaAndRefusesOthers() throws Exception {
        Path keyStore = directory.resolve("server.p12");
        Path serverPem = directory.resolve("server.pem");
        Path clientStore = directory.resolve("client.p12");
        Path clientPem = directory.resolve("client.pem");
        Path clientKey = directory.resolve("client-key.pem");
        keytool(
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-storetype",
                "PKCS12",
                "-keystore",
                keyStore.toString(),
                "-storepass",
                PASSWORD,
                "-keypass",
                PASSWORD,
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=dns:localhost,ip:127.0.0.1",
                "-validity",
                "2");
        keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                "server",
                "-keystore",
                keyStore.toString(),
                "-storepass",
                PASSWORD,
                "-file",
                serverPem.toString());
        keytool(
                "-genkeypair",
                "-alias",
                "client",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-storetype",
                "PKCS12",
                "-keystore",
                clientStore.toString(),
                "-storepass",
                PASSWORD,
                "-keypass",
                PASSWORD,
                "-dname",
                "CN=flink-job",
                "-validity",
                "2");
        keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                "client",
                "-keystore",
                clientStore.toString(),
                "-storepass",
                PASSWORD,
                "-file",
                clientPem.toString());
        KeyStore client = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(clientStore)) {
            client.load(in, PASSWORD.toCharArray());
        }
        byte[] pkcs8 = client.getKey("client", PASSWORD.toCharArray()).getEncoded();
        Files.writeString(
                clientKey,
                "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pkcs8)
                        + "\n-----END PRIVATE KEY-----\n");

        try (LocalModelServer server =
                LocalModelServer.builder()
                        .model("acme/classifier/v1", Task.TASK_CLASSIFICATION)
                        .tls(keyStore, PASSWORD)
                        .clientCa(clientPem)
                        .build()
                        .start()) {
            ChannelCredentials withCertificate =
                    TlsChannelCredentials.newBuilder()
                            .trustManager(serverPem.toFile())
                            .keyManager(clientPem.toFile(), clientKey.toFile())
                            .build();
            ManagedChannel channel =
                    Grpc.newChannelBuilder(server.target(), withCertificate).build();
            try {
                assertThat(
                                ModelPublicServiceGrpc.newBlockingStub(channel)
                                        .triggerNamespaceModel(
                                                trigger("acme", "classifier", "v1", red()))
                                        .getTaskOutputsCount())
                        .isEqualTo(1);
            } finally {
                TestChannels.close(channel);
            }

            ChannelCredentials withoutCertificate =
                    TlsChannelCredentials.newBuilder().trustManager(serverPem.toFile()).build();
            ManagedChannel anonymous =
                    Grpc.newChannelBuilder(server.target(), withoutCertificate).build();
            try {
                ModelModelV1alphaProtocolTest.assertCode(
                        () ->
                                ModelPublicServiceGrpc.newBlockingStub(anonymous)
                                        .triggerNamespaceModel(
                                                trigger("acme", "classifier", "v1", red())),
                        Status.Code.UNAVAILABLE);
            } finally {
                TestChannels.close(anonymous);
            }
        }
    }

    @Test
    void aClientCaWithoutTlsIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () ->
                                LocalModelServer.builder()
                                        .model("acme/classifier/v1", Task.TASK_CLASSIFICATION)
                                        .clientCa(directory.resolve("ca.pem"))
                                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tls(");
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("keytool output: %s", output).isZero();
    }
}
