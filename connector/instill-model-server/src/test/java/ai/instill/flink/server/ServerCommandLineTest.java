package ai.instill.flink.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.instill.flink.proto.common.task.v1alpha.Task;
import io.grpc.Status;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ServerCommandLineTest {

    @Test
    void defaultsToPort50051OnLoopbackWithoutModels() {
        ServerCommandLine cli = ServerCommandLine.parse();

        assertThat(cli.port).isEqualTo(50051);
        assertThat(cli.host).isEqualTo("127.0.0.1");
        assertThat(cli.models).isEmpty();
    }

    @Test
    void parsesModelsAndFaultFlags() {
        ServerCommandLine cli =
                ServerCommandLine.parse(
                        "--port",
                        "0",
                        "--host=0.0.0.0",
                        "--model",
                        "acme/llm/v1=completion",
                        "--model",
                        "acme/t2i/v2=text-to-image",
                        "--model",
                        "acme/vqa/v1=TASK_CHAT",
                        "--latency",
                        "5ms..50ms",
                        "--per-input-time",
                        "1ms",
                        "--error-rate",
                        "UNAVAILABLE:0.3",
                        "--empty-outputs-rate",
                        "0.1",
                        "--cold-start",
                        "2s");

        assertThat(cli.port).isZero();
        assertThat(cli.host).isEqualTo("0.0.0.0");
        assertThat(cli.models)
                .containsExactly(
                        java.util.Map.entry("acme/llm/v1", Task.TASK_COMPLETION),
                        java.util.Map.entry("acme/t2i/v2", Task.TASK_TEXT_TO_IMAGE),
                        java.util.Map.entry("acme/vqa/v1", Task.TASK_CHAT));
        assertThat(cli.latencyMin).isEqualTo(Duration.ofMillis(5));
        assertThat(cli.latencyMax).isEqualTo(Duration.ofMillis(50));
        assertThat(cli.perInputTime).isEqualTo(Duration.ofMillis(1));
        assertThat(cli.errorCode).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(cli.errorRate).isEqualTo(0.3);
        assertThat(cli.emptyOutputsRate).isEqualTo(0.1);
        assertThat(cli.coldStart).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void parsesDurations() {
        assertThat(ServerCommandLine.duration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(ServerCommandLine.duration("2s")).isEqualTo(Duration.ofSeconds(2));
        assertThat(ServerCommandLine.duration("1m")).isEqualTo(Duration.ofMinutes(1));
        assertThatThrownBy(() -> ServerCommandLine.duration("soon"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesTokensOnTheCommandLineAndUnknownFlags() {
        assertThatThrownBy(() -> ServerCommandLine.parse("--api-token", "s3cret"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--api-token-env")
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> ServerCommandLine.parse("--colour", "red"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServerCommandLine.parse("--model", "acme/llm/v1=poetry"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown task");
    }

    @Test
    void recognisesHelp() {
        assertThat(ServerCommandLine.parse("--help").help).isTrue();
        assertThat(ServerCommandLine.parse("-h").help).isTrue();
        assertThat(ServerCommandLine.usage())
                .contains(
                        "--port",
                        "--host",
                        "--model",
                        "--api-token-env",
                        "--api-token-file",
                        "--tls-keystore",
                        "--tls-keystore-password-env",
                        "--latency",
                        "--per-input-time",
                        "--error-rate",
                        "--empty-outputs-rate",
                        "--cold-start",
                        "STAND-IN",
                        "Durations: 250ms, 2s, 1m")
                .doesNotContain("--api-token ");
    }

    @Test
    void refusesMalformedValuesNamingTheFlag() {
        assertThatThrownBy(() -> ServerCommandLine.parse("--port", "70000"))
                .hasMessageContaining("--port")
                .hasMessageContaining("0..65535");
        assertThatThrownBy(() -> ServerCommandLine.parse("--latency", "soon"))
                .hasMessageContaining("--latency")
                .hasMessageContaining("not a duration: soon");
        assertThatThrownBy(() -> ServerCommandLine.parse("--error-rate", "UNAVAILABLE"))
                .hasMessageContaining("CODE:PROBABILITY");
        assertThatThrownBy(() -> ServerCommandLine.parse("--error-rate", "OK:0.5"))
                .hasMessageContaining("not a gRPC error code");
        assertThatThrownBy(() -> ServerCommandLine.parse("--empty-outputs-rate", "2"))
                .hasMessageContaining("probability within 0..1");
        assertThatThrownBy(() -> ServerCommandLine.parse("--model", "acme/llm/v1"))
                .hasMessageContaining("namespace/model/version=task");
        assertThatThrownBy(() -> ServerCommandLine.parse("--port")).hasMessageContaining("--port");
    }

    @Test
    void checksFlagsThatGoTogether() {
        assertThatThrownBy(
                        () ->
                                ServerCommandLine.parse(
                                        "--api-token-env", "A", "--api-token-file", "f"))
                .hasMessage("use either --api-token-env or --api-token-file, not both");
        assertThatThrownBy(() -> ServerCommandLine.parse("--tls-keystore", "k.p12"))
                .hasMessage("--tls-keystore and --tls-keystore-password-env go together");
    }

    @Test
    void anUnknownFlagIsNamedWithoutTheWordsAfterIt() {
        assertThatThrownBy(() -> ServerCommandLine.parse("--api-token-evn", "s3cret"))
                .hasMessageStartingWith("unknown flag --api-token-evn")
                .hasMessageContaining("did you mean")
                .hasMessageContaining("--api-token-env")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void aRepeatedFlagKeepsTheLastValue() {
        assertThat(ServerCommandLine.parse("--port", "1", "--port", "2").port).isEqualTo(2);
    }
}
