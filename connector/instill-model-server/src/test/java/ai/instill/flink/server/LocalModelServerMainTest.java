package ai.instill.flink.server;

import static ai.instill.flink.server.ModelModelV1alphaProtocolTest.red;
import static ai.instill.flink.server.ModelModelV1alphaProtocolTest.trigger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.instill.flink.proto.model.model.v1alpha.ModelPublicServiceGrpc;
import ai.instill.flink.server.testutils.TestChannels;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalModelServerMainTest {

    @TempDir Path directory;

    @Test
    void startsTheCommandLinesModelsWithTokenAndFaults() throws Exception {
        Path tokenFile = Files.writeString(directory.resolve("token"), "t0ken\n");
        ServerCommandLine cli =
                ServerCommandLine.parse(
                        "--port",
                        "0",
                        "--model",
                        "acme/classifier/v1=classification",
                        "--api-token-file",
                        tokenFile.toString(),
                        "--latency",
                        "5ms");

        try (LocalModelServer server =
                LocalModelServerMain.start(cli, Map.<String, String>of()::get)) {
            assertThat(server.modelNames()).containsExactly("acme/classifier/v1");
            assertThat(server.faults("acme/classifier/v1").planCall(1).latency())
                    .isEqualTo(Duration.ofMillis(5));
            String banner = LocalModelServerMain.banner(server, cli);
            assertThat(banner)
                    .contains(
                            "127.0.0.1:" + server.port(),
                            "STAND-IN",
                            "not real AI",
                            "acme/classifier/v1")
                    .doesNotContain("t0ken");

            ManagedChannel channel = TestChannels.plaintext(server);
            try {
                ModelPublicServiceGrpc.ModelPublicServiceBlockingStub stub =
                        ModelPublicServiceGrpc.newBlockingStub(channel);
                assertThatThrownBy(
                                () ->
                                        stub.triggerNamespaceModel(
                                                trigger("acme", "classifier", "v1", red())))
                        .isInstanceOfSatisfying(
                                StatusRuntimeException.class,
                                e ->
                                        assertThat(e.getStatus().getCode())
                                                .isEqualTo(Status.Code.UNAUTHENTICATED));
                assertThat(
                                stub.withInterceptors(
                                                TestChannels.headers(
                                                        "authorization", "Bearer t0ken"))
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
    void servesTheDefaultCatalogueWithoutModelFlags() {
        ServerCommandLine cli =
                ServerCommandLine.parse("--port", "0", "--api-token-env", "TOKEN_VAR");

        try (LocalModelServer server =
                LocalModelServerMain.start(cli, Map.of("TOKEN_VAR", "abc")::get)) {
            assertThat(server.modelNames()).containsExactlyElementsOf(DefaultModels.all().keySet());
            assertThat(LocalModelServerMain.banner(server, cli))
                    .contains("0 real and 10 STAND-IN models", "API token required")
                    .contains(ModelList.lines(server))
                    .containsPattern("\\R  local/stand-in-ocr/v1 +ocr +stand-in\\R");
        }
    }

    @Test
    void failsClearlyWhenTheTokenVariableIsUnset() {
        ServerCommandLine cli =
                ServerCommandLine.parse("--port", "0", "--api-token-env", "MISSING_VAR");

        assertThatThrownBy(() -> LocalModelServerMain.start(cli, Map.<String, String>of()::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MISSING_VAR");
    }
}
