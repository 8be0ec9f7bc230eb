package ai.instill.flink.examples.reliability;

import static ai.instill.flink.examples.kafka.testutils.EnrichmentRuns.committed;
import static ai.instill.flink.examples.kafka.testutils.EnrichmentRuns.images;
import static org.assertj.core.api.Assertions.assertThat;

import ai.instill.flink.examples.kafka.KafkaJobSettings;
import ai.instill.flink.examples.kafka.testutils.EnrichmentRuns;
import ai.instill.flink.examples.kafka.testutils.KafkaAndModelServer;
import ai.instill.flink.examples.kafka.testutils.ReliabilityRuns;
import ai.instill.flink.examples.kafka.testutils.ReliabilityRuns.Pipeline;
import ai.instill.flink.server.DefaultModels;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Kafka job (failure policy DEAD_LETTER, three restarts allowed) started with each mistake a
 * new user makes in its setup: it fails at start with the message that names the fix, dead-letters
 * nothing and is not restarted.
 */
class SetupMistakesReliabilityITCase {

    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK = ReliabilityRuns.miniCluster(METRICS);

    @RegisterExtension static final KafkaAndModelServer STACK = new KafkaAndModelServer();

    /** A web server where a user might point the job by mistake: it answers HTTP/1.1, not gRPC. */
    private static HttpServer web;

    private static int closedPort;

    @BeforeAll
    static void start() throws Exception {
        web = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        web.createContext(
                "/",
                exchange -> {
                    byte[] page = "<html>hello</html>".getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, page.length);
                    exchange.getResponseBody().write(page);
                    exchange.close();
                });
        web.start();
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
    }

    @AfterAll
    static void stop() {
        web.stop(0);
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of(
                        "nothing-listens",
                        Map.of("endpoint", "localhost:{closed}"),
                        List.of("localhost:{closed}", "connection refused", "'endpoint'")),
                Arguments.of(
                        "not-grpc",
                        Map.of("endpoint", "localhost:{web}"),
                        List.of("localhost:{web}", "not a gRPC server")),
                Arguments.of(
                        "https-to-plaintext",
                        Map.of("endpoint", "https://localhost:{server}"),
                        List.of("drop 'https://'", "tls.enabled")),
                Arguments.of(
                        "unset-token-variable",
                        Map.of("auth.token-env", "INSTILL_SURELY_UNSET_VARIABLE"),
                        List.of("INSTILL_SURELY_UNSET_VARIABLE", "not set")),
                Arguments.of(
                        "unknown-model",
                        Map.of("model-name", "local/no-such-model/v1"),
                        List.of("NOT_FOUND", "local/no-such-model/v1")),
                Arguments.of(
                        "model-of-another-task",
                        Map.of("task", "DETECTION"),
                        List.of("TASK_MISMATCH", DefaultModels.CLASSIFIER)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void aSetupMistakeFailsTheJobAtStartWithItsFixAndDeadLettersNothing(
            String name, Map<String, String> mistake, List<String> expected) throws Exception {
        Map<String, String> settings =
                EnrichmentRuns.settings(
                        STACK.kafka().bootstrapServers(),
                        "mistake-" + name,
                        "classification",
                        DefaultModels.CLASSIFIER,
                        STACK.server().target());
        settings.put("failure-policy", "DEAD_LETTER");
        mistake.forEach((key, value) -> settings.put(key, ports(value)));
        KafkaJobSettings config = KafkaJobSettings.fromMap(settings);
        List<Map.Entry<String, String>> input = images(name, 20);

        long started = System.nanoTime();
        JobClient job = ReliabilityRuns.start(List.of(new Pipeline(config, input)), 3);
        String line = ReliabilityRuns.awaitFailure(job);
        System.out.printf(
                "%s: failed after %.1f s: %s%n", name, (System.nanoTime() - started) / 1e9, line);

        for (String text : expected) {
            assertThat(line).contains(ports(text));
        }
        assertThat(line).as("one line").doesNotContain("\n");
        assertThat(ReliabilityRuns.restarts(METRICS, job.getJobID())).as("restarts").isZero();
        assertThat(committed(STACK.kafka().bootstrapServers(), config.deadLetterTopic()))
                .as("dead letters")
                .isEmpty();
        assertThat(committed(STACK.kafka().bootstrapServers(), config.outputTopic()))
                .as("outputs")
                .isEmpty();
    }

    private static String ports(String text) {
        return text.replace("{closed}", Integer.toString(closedPort))
                .replace("{web}", Integer.toString(web.getAddress().getPort()))
                .replace("{server}", Integer.toString(STACK.server().port()));
    }
}
