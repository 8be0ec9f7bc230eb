package ai.instill.flink.examples.reliability;

import static ai.instill.flink.examples.kafka.testutils.EnrichmentRuns.committed;
import static ai.instill.flink.examples.kafka.testutils.EnrichmentRuns.images;
import static org.assertj.core.api.Assertions.assertThat;

import ai.instill.flink.examples.kafka.KafkaJobSettings;
import ai.instill.flink.examples.kafka.testutils.Certificates;
import ai.instill.flink.examples.kafka.testutils.EnrichmentRuns;
import ai.instill.flink.examples.kafka.testutils.KafkaBroker;
import ai.instill.flink.examples.kafka.testutils.Ledger;
import ai.instill.flink.examples.kafka.testutils.ReliabilityRuns;
import ai.instill.flink.examples.kafka.testutils.ReliabilityRuns.Pipeline;
import ai.instill.flink.server.DefaultModels;
import ai.instill.flink.server.LocalModelServer;
import ai.instill.flink.server.testing.LogWatch;
import io.grpc.Status;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.test.junit5.InjectClusterRESTAddress;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka job over TLS with a custom CA, over mutual TLS, against a server it must not trust (it
 * fails at start), and with an API token that must never leak: not into any log line (every logger
 * at DEBUG), dead letter, metric, or the job's configuration as the web UI's REST API serves it.
 */
class SecurityReliabilityITCase {

    /** Set for the failsafe JVM in examples/pom.xml. */
    private static final String TOKEN_ENV = "INSTILL_RELIABILITY_TEST_TOKEN";

    private static final String ENV_TOKEN = "instill_sk_reliabilityEnvToken0123456789";
    private static final String FILE_TOKEN = "instill_sk_reliabilityFileToken9876543210";
    private static final String WRONG_TOKEN = "instill_sk_reliabilityWrongTokenAAAAAAAA";

    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK = ReliabilityRuns.miniCluster(METRICS);

    @TempDir static Path dir;

    private static KafkaBroker kafka;
    private static Certificates.Party serverParty;
    private static Certificates.Party clientParty;
    private static Certificates.Party stranger;

    @BeforeAll
    static void start() throws Exception {
        kafka = KafkaBroker.start();
        serverParty = Certificates.create(dir, "server", "localhost", "dns:localhost,ip:127.0.0.1");
        clientParty = Certificates.create(dir, "client", "flink-job", null);
        stranger = Certificates.create(dir, "stranger", "localhost", "dns:localhost,ip:127.0.0.1");
    }

    @AfterAll
    static void stop() throws Exception {
        kafka.close();
    }

    @Test
    void tlsWithACustomCaEnrichesEveryRecordAndAWrongCaFailsWithAClearReason() throws Exception {
        try (LocalModelServer server =
                LocalModelServer.builder()
                        .withDefaultModels()
                        .tls(serverParty.keyStore(), Certificates.PASSWORD)
                        .build()
                        .start()) {
            String endpoint = "https://localhost:" + server.port();
            KafkaJobSettings trusting =
                    config(
                            "tls-ca",
                            endpoint,
                            Map.of("tls.ca-file", serverParty.certificatePem().toString()));
            KafkaJobSettings wrongCa =
                    config(
                            "tls-wrong-ca",
                            endpoint,
                            Map.of("tls.ca-file", stranger.certificatePem().toString()));
            List<Map.Entry<String, String>> good = images("tls", 100);
            List<Map.Entry<String, String>> refused = images("wrong-ca", 20);

            ReliabilityRuns.awaitEnd(
                    ReliabilityRuns.start(List.of(new Pipeline(trusting, good)), 0));
            assertThat(ledger(trusting).balance(keys(good)).outputCount()).isEqualTo(100);

            String failure = failsAtStart(new Pipeline(wrongCa, refused));
            assertThat(failure).contains("certificate is not trusted").contains("tls.ca-file");
        }
    }

    @Test
    void mutualTlsServesAJobWithAClientCertificateAndRefusesOneWithout() throws Exception {
        try (LocalModelServer server =
                LocalModelServer.builder()
                        .withDefaultModels()
                        .tls(serverParty.keyStore(), Certificates.PASSWORD)
                        .clientCa(clientParty.certificatePem())
                        .build()
                        .start()) {
            String endpoint = "https://localhost:" + server.port();
            KafkaJobSettings withCertificate =
                    config(
                            "mtls",
                            endpoint,
                            Map.of(
                                    "tls.ca-file", serverParty.certificatePem().toString(),
                                    "tls.client-cert-file", clientParty.certificatePem().toString(),
                                    "tls.client-key-file", clientParty.privateKeyPem().toString()));
            KafkaJobSettings withoutCertificate =
                    config(
                            "mtls-anonymous",
                            endpoint,
                            Map.of("tls.ca-file", serverParty.certificatePem().toString()));
            List<Map.Entry<String, String>> good = images("mtls", 100);
            List<Map.Entry<String, String>> refused = images("anonymous", 20);

            ReliabilityRuns.awaitEnd(
                    ReliabilityRuns.start(List.of(new Pipeline(withCertificate, good)), 0));
            assertThat(ledger(withCertificate).balance(keys(good)).outputCount()).isEqualTo(100);
            assertThat(server.stats(DefaultModels.CLASSIFIER).inputs()).isGreaterThanOrEqualTo(100);

            String failure = failsAtStart(new Pipeline(withoutCertificate, refused));
            assertThat(failure).contains("Start-up check failed").contains("tls.client-cert-file");
        }
    }

    @Test
    void theTokenNeverAppearsInLogsDeadLettersMetricsOrTheJobConfiguration(
            @InjectClusterRESTAddress URI rest) throws Exception {
        Path tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, FILE_TOKEN + "\n");
        List<String> secrets = List.of(ENV_TOKEN, FILE_TOKEN, WRONG_TOKEN);
        LogWatch watch =
                LogWatch.attach(ENV_TOKEN, FILE_TOKEN, WRONG_TOKEN); // every logger at DEBUG
        JobClient job;
        KafkaJobSettings fromEnv;
        KafkaJobSettings fromFile;
        KafkaJobSettings wrong;
        String wrongTokenFailure;
        List<Map.Entry<String, String>> envInput = images("env", 100);
        List<Map.Entry<String, String>> fileInput = images("file", 100);
        List<Map.Entry<String, String>> wrongInput = images("wrong", 20);
        try (LocalModelServer envServer =
                        LocalModelServer.builder()
                                .withDefaultModels()
                                .apiToken(ENV_TOKEN)
                                .build()
                                .start();
                LocalModelServer fileServer =
                        LocalModelServer.builder()
                                .withDefaultModels()
                                .apiToken(FILE_TOKEN)
                                .build()
                                .start()) {
            // faults on the way: failed calls, retries and their log lines must not carry the token
            // either
            envServer
                    .faults(DefaultModels.CLASSIFIER)
                    .seed(7)
                    .errorRate(Status.Code.UNAVAILABLE, 0.2);
            fileServer.faults(DefaultModels.CLASSIFIER).failNext(3, Status.Code.INTERNAL);
            fromEnv =
                    config(
                            "token-env",
                            envServer.target(),
                            Map.of(
                                    "auth.token-env",
                                    TOKEN_ENV,
                                    "retry.max-attempts",
                                    "20",
                                    "retry.initial-backoff",
                                    "5 ms",
                                    "retry.max-backoff",
                                    "50 ms"));
            fromFile =
                    config(
                            "token-file",
                            fileServer.target(),
                            Map.of(
                                    "auth.token-file",
                                    tokenFile.toString(),
                                    "retry.initial-backoff",
                                    "5 ms"));
            wrong =
                    config(
                            "token-inline-wrong",
                            envServer.target(),
                            Map.of("auth.token", WRONG_TOKEN));
            try {
                job =
                        ReliabilityRuns.start(
                                List.of(
                                        new Pipeline(fromEnv, envInput),
                                        new Pipeline(fromFile, fileInput)),
                                0);
                ReliabilityRuns.awaitEnd(job);
                wrongTokenFailure = failsAtStart(new Pipeline(wrong, wrongInput));
            } finally {
                watch.detach();
            }
        }

        // the tokens authenticated: every record with a right token is enriched; the wrong one
        // fails the job at start and dead-letters nothing
        assertThat(ledger(fromEnv).balance(keys(envInput)).outputCount()).isEqualTo(100);
        assertThat(ledger(fromFile).balance(keys(fileInput)).outputCount()).isEqualTo(100);
        assertThat(wrongTokenFailure).contains("UNAUTHENTICATED").contains("auth.token-env");
        List<String> deadLetters = new ArrayList<>();
        for (KafkaJobSettings config : List.of(fromEnv, fromFile, wrong)) {
            committed(kafka.bootstrapServers(), config.deadLetterTopic())
                    .forEach(r -> deadLetters.add(r.value()));
        }
        assertThat(deadLetters).isEmpty();
        for (String secret : secrets) {
            assertThat(wrongTokenFailure).doesNotContain(secret);
        }

        assertThat(watch.events()).as("log events seen at DEBUG").isGreaterThan(1000);
        assertThat(watch.leaks()).as("log lines with a token").isEmpty();

        List<String> metrics = ReliabilityRuns.describeAll(METRICS, job.getJobID());
        assertThat(metrics).as("metrics of the job").hasSizeGreaterThan(50);
        for (String secret : secrets) {
            assertThat(metrics).noneMatch(m -> m.contains(secret));
        }

        HttpClient http = HttpClient.newHttpClient();
        String id = job.getJobID().toHexString();
        for (String path :
                List.of(
                        "/jobs/" + id + "/config",
                        "/jobs/" + id,
                        "/jobs/" + id + "/plan",
                        "/jobs/" + id + "/exceptions",
                        "/jobmanager/config",
                        "/taskmanagers")) {
            HttpResponse<String> response =
                    http.send(
                            HttpRequest.newBuilder(rest.resolve(path)).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            for (String secret : secrets) {
                assertThat(response.body()).as("REST %s", path).doesNotContain(secret);
            }
        }
    }

    // ---- fixtures
    // ---------------------------------------------------------------------------------------------

    private static KafkaJobSettings config(
            String name, String endpoint, Map<String, String> extra) {
        Map<String, String> settings =
                EnrichmentRuns.settings(
                        kafka.bootstrapServers(),
                        name,
                        "classification",
                        DefaultModels.CLASSIFIER,
                        endpoint);
        settings.put("failure-policy", "DEAD_LETTER");
        settings.put("parallelism", "1");
        settings.put("topic-partitions", "1");
        settings.putAll(extra);
        return KafkaJobSettings.fromMap(settings);
    }

    /**
     * Runs a pipeline that must fail at start (three restarts allowed); checks that it was not
     * restarted and wrote nothing, and returns its one-line failure.
     */
    private static String failsAtStart(Pipeline pipeline) throws Exception {
        JobClient job = ReliabilityRuns.start(List.of(pipeline), 3);
        String failure = ReliabilityRuns.awaitFailure(job);
        assertThat(ReliabilityRuns.restarts(METRICS, job.getJobID())).as("restarts").isZero();
        Ledger books = ledger(pipeline.config());
        assertThat(books.outputCount() + books.deadLetterCount()).as("records written").isZero();
        return failure;
    }

    private static Ledger ledger(KafkaJobSettings config) {
        return Ledger.of(
                committed(kafka.bootstrapServers(), config.outputTopic()),
                committed(kafka.bootstrapServers(), config.deadLetterTopic()));
    }

    private static List<String> keys(List<Map.Entry<String, String>> input) {
        return input.stream().map(Map.Entry::getKey).toList();
    }
}
