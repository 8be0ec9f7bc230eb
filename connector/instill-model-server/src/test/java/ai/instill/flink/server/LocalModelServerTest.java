package ai.instill.flink.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.instill.flink.proto.common.task.v1alpha.Task;
import org.junit.jupiter.api.Test;

class LocalModelServerTest {

    @Test
    void picksAFreePortOnLoopbackAndStopsIdempotently() {
        LocalModelServer server = LocalModelServer.builder().port(0).withDefaultModels().build().start();

        assertThat(server.port()).isPositive();
        assertThat(server.target()).isEqualTo("127.0.0.1:" + server.port());
        assertThat(server.task(DefaultModels.CHAT)).isEqualTo(Task.TASK_CHAT);
        server.stop();
        server.close();
    }

    @Test
    void rejectsBadRegistrations() {
        assertThatThrownBy(() -> LocalModelServer.builder().build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> LocalModelServer.builder().model("acme/classifier", Task.TASK_CLASSIFICATION))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LocalModelServer.builder().model("acme/x/v1", Task.TASK_CUSTOM))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LocalModelServer.builder()
                        .model("acme/x/v1", Task.TASK_OCR).model("acme/x/v1", Task.TASK_OCR))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LocalModelServer.builder()
                        .model("acme/x/v1", Task.TASK_OCR).model("acme/x/v2", Task.TASK_CHAT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknownModelNamesAreRejectedWithTheKnownOnes() {
        try (LocalModelServer server = LocalModelServer.builder().model("acme/x/v1", Task.TASK_OCR).build()) {
            assertThatThrownBy(() -> server.faults("acme/y/v1"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("acme/x/v1");
        }
    }
}
