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
        assertThat(ServerCommandLine.usage()).contains("--model", "--latency", "STAND-IN");
    }
}
