package ai.instill.flink.client;

import static org.assertj.core.api.Assertions.assertThat;

import ai.instill.flink.config.InstillOptions;
import ai.instill.flink.error.ErrorCode;
import ai.instill.flink.error.InstillModelException;
import ai.instill.flink.server.LocalModelServer;
import ai.instill.flink.server.testing.TestImages;
import ai.instill.flink.task.ClassificationResult;
import ai.instill.flink.task.Image;
import ai.instill.flink.task.ImageInput;
import ai.instill.flink.task.InputLimits;
import ai.instill.flink.task.InstillTask;
import ai.instill.flink.task.ModelName;
import ai.instill.flink.task.TaskCodec;
import java.awt.Color;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credentials and TLS against the local model server: each header exactly once, certificates made
 * at test time.
 */
class SecureCallITCase {
    private static final String TOKEN = "instill_sk_test_4f1c0ffee";
    private static final String CLASSIFIER = "local/stand-in-classifier/v1";

    @Test
    void theTokenIsSentAsABearerHeaderExactlyOnce() throws Exception {
        try (LocalModelServer server =
                LocalModelServer.builder()
                        .port(0)
                        .withDefaultModels()
                        .apiToken(TOKEN)
                        .build()
                        .start()) {
            Configuration config = plaintext(server);
            config.set(InstillOptions.AUTH_TOKEN, TOKEN);
            config.set(InstillOptions.AUTH_REQUESTER_UID, "0b9d3c2e-8d4c-4f3a-9d55-5a4f3c2b1a00");
            assertThat(classify(config).category()).isEqualTo("red");
            assertThat(server.stats(CLASSIFIER).lastHeaderCounts())
                    .containsEntry("authorization", 1)
                    .containsEntry("instill-requester-uid", 1)
                    .containsEntry("instill-user-uid", 0);
        }
    }

    @Test
    void directModeSendsTheUserHeadersExactlyOnce() throws Exception {
        try (LocalModelServer server =
                LocalModelServer.builder().port(0).withDefaultModels().build().start()) {
            Configuration config = plaintext(server);
            config.set(InstillOptions.AUTH_USER_UID, "6a1f0c9e-2b7d-4e8a-b3c1-1f2e3d4c5b6a");
            classify(config);
            Map<String, Integer> headers = server.stats(CLASSIFIER).lastHeaderCounts();
            assertThat(headers)
                    .containsEntry("instill-user-uid", 1)
                    .containsEntry("instill-auth-type", 1);
        }
    }

    @Test
    void aWrongTokenIsUnauthenticatedAndNeverEchoed() throws Exception {
        try (LocalModelServer server =
                LocalModelServer.builder()
                        .port(0)
                        .withDefaultModels()
                        .apiToken(TOKEN)
                        .build()
                        .start()) {
            Configuration config = plaintext(server);
            config.set(InstillOptions.AUTH_TOKEN, "instill_sk_wrong_one");
            InstillModelException e = failure(config);
            assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
            assertThat(e.isRetryable()).isFalse();
            assertThat(e)
                    .hasMessageNotContaining(TOKEN)
                    .hasMessageNotContaining("instill_sk_wrong_one");
        }
    }

    @Test
    void tlsWithACertificateMadeAtTestTime(@TempDir Path dir) throws Exception {
        Path keyStore = dir.resolve("server.p12");
        Path caPem = dir.resolve("ca.pem");
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
                "changeit",
                "-keypass",
                "changeit",
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
                "changeit",
                "-file",
                caPem.toString());
        try (LocalModelServer server =
                LocalModelServer.builder()
                        .port(0)
                        .withDefaultModels()
                        .tls(keyStore, "changeit")
                        .build()
                        .start()) {
            Configuration trusting = new Configuration();
            trusting.set(InstillOptions.ENDPOINT, "https://localhost:" + server.port());
            trusting.set(InstillOptions.TLS_CA_FILE, caPem.toString());
            assertThat(classify(trusting).category()).isEqualTo("red");

            Configuration untrusting = new Configuration();
            untrusting.set(InstillOptions.ENDPOINT, "https://localhost:" + server.port());
            InstillModelException e = failure(untrusting);
            assertThat(e.code()).isEqualTo(ErrorCode.ENDPOINT_MISMATCH);
            assertThat(e)
                    .hasMessageContaining("certificate is not trusted")
                    .hasMessageContaining("tls.ca-file");

            Configuration plaintextToTls = plaintext(server);
            assertThat(failure(plaintextToTls).code()).isEqualTo(ErrorCode.UNAVAILABLE);
        }
    }

    private static void keytool(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    private static Configuration plaintext(LocalModelServer server) {
        Configuration config = new Configuration();
        config.set(InstillOptions.ENDPOINT, server.target());
        return config;
    }

    private static ClassificationResult classify(Configuration config) {
        try (InstillModelClient client = InstillModelClient.create(config)) {
            return (ClassificationResult)
                    client.trigger(
                                    ModelName.parse(CLASSIFIER),
                                    TaskCodec.of(InstillTask.CLASSIFICATION, InputLimits.DEFAULT),
                                    List.of(
                                            new ImageInput(
                                                    Image.ofBytes(
                                                            TestImages.solid(Color.RED, 4, 4)))))
                            .join()
                            .get(0);
        }
    }

    private static InstillModelException failure(Configuration config) {
        try {
            classify(config);
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(InstillModelException.class);
            return (InstillModelException) e.getCause();
        }
        throw new AssertionError("expected the call to fail");
    }
}
