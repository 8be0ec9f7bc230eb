package ai.instill.flink.server;

import static ai.instill.flink.server.ModelModelV1alphaProtocolTest.red;
import static ai.instill.flink.server.ModelModelV1alphaProtocolTest.trigger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.instill.flink.proto.common.task.v1alpha.Task;
import ai.instill.flink.proto.model.model.v1alpha.ModelPublicServiceGrpc;
import ai.instill.flink.proto.model.model.v1alpha.ModelPublicServiceGrpc.ModelPublicServiceBlockingStub;
import ai.instill.flink.proto.model.model.v1alpha.ReadinessRequest;
import ai.instill.flink.server.testutils.TestChannels;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ApiTokenTest {

    private static final String MODEL = "acme/classifier/v1";

    private static LocalModelServer server;
    private static ManagedChannel channel;

    @BeforeAll
    static void startServer() {
        server =
                LocalModelServer.builder()
                        .model(MODEL, Task.TASK_CLASSIFICATION)
                        .apiToken("s3cret")
                        .build()
                        .start();
        channel = TestChannels.plaintext(server);
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        TestChannels.close(channel);
        server.stop();
    }

    @Test
    void acceptsTheRightTokenAndCountsEachHeader() {
        ModelPublicServiceBlockingStub stub =
                stub(
                        TestChannels.headers(
                                "authorization",
                                "Bearer s3cret",
                                "instill-user-uid",
                                "u-1",
                                "instill-auth-type",
                                "user"));

        assertThat(
                        stub.triggerNamespaceModel(trigger("acme", "classifier", "v1", red()))
                                .getTaskOutputsCount())
                .isEqualTo(1);
        assertThat(server.stats(MODEL).lastHeaderCounts())
                .containsExactly(
                        Map.entry("authorization", 1), Map.entry("instill-user-uid", 1),
                        Map.entry("instill-auth-type", 1), Map.entry("instill-requester-uid", 0));
    }

    @Test
    void rejectsMissingWrongAndDuplicatedTokensWithoutRevealingTheToken() {
        assertUnauthenticated(stub());
        assertUnauthenticated(stub(TestChannels.headers("authorization", "Bearer wrong")));
        assertUnauthenticated(stub(TestChannels.headers("authorization", "s3cret")));
        assertUnauthenticated(
                stub(
                        TestChannels.headers(
                                "authorization",
                                "Bearer s3cret",
                                "authorization",
                                "Bearer s3cret")));
    }

    @Test
    void countsDuplicatedIdentityHeaders() {
        stub(
                        TestChannels.headers("authorization", "Bearer s3cret"),
                        TestChannels.headers("instill-requester-uid", "org-1"),
                        TestChannels.headers("instill-requester-uid", "org-1"))
                .triggerNamespaceModel(trigger("acme", "classifier", "v1", red()));

        assertThat(server.stats(MODEL).lastHeaderCounts())
                .containsEntry("authorization", 1)
                .containsEntry("instill-requester-uid", 2);
    }

    @Test
    void healthChecksNeedNoToken() {
        assertThat(stub().readiness(ReadinessRequest.getDefaultInstance()).hasHealthCheckResponse())
                .isTrue();
    }

    private static ModelPublicServiceBlockingStub stub(ClientInterceptor... interceptors) {
        return ModelPublicServiceGrpc.newBlockingStub(channel).withInterceptors(interceptors);
    }

    private static void assertUnauthenticated(ModelPublicServiceBlockingStub stub) {
        long callsBefore = server.stats(MODEL).calls();
        assertThatThrownBy(
                        () ->
                                stub.triggerNamespaceModel(
                                        trigger("acme", "classifier", "v1", red())))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> {
                            assertThat(e.getStatus().getCode())
                                    .isEqualTo(Status.Code.UNAUTHENTICATED);
                            assertThat(e.getStatus().getDescription()).doesNotContain("s3cret");
                        });
        assertThat(server.stats(MODEL).calls()).isEqualTo(callsBefore);
    }
}
