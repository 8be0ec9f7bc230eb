package ai.instill.flink.examples.reliability;

import static ai.instill.flink.examples.kafka.testutils.EnrichmentRuns.committed;
import static ai.instill.flink.examples.kafka.testutils.EnrichmentRuns.json;
import static ai.instill.flink.examples.kafka.testutils.EnrichmentRuns.object;
import static ai.instill.flink.examples.kafka.testutils.ReliabilityRuns.counter;
import static org.assertj.core.api.Assertions.assertThat;

import ai.instill.flink.examples.SampleData;
import ai.instill.flink.examples.kafka.KafkaJobSettings;
import ai.instill.flink.examples.kafka.testutils.EnrichmentRuns;
import ai.instill.flink.examples.kafka.testutils.KafkaAndModelServer;
import ai.instill.flink.examples.kafka.testutils.Ledger;
import ai.instill.flink.examples.kafka.testutils.ReliabilityRuns;
import ai.instill.flink.examples.kafka.testutils.ReliabilityRuns.Pipeline;
import ai.instill.flink.proto.common.task.v1alpha.Task;
import ai.instill.flink.server.DefaultModels;
import ai.instill.flink.server.LocalModelServer;
import ai.instill.flink.server.MalformedOutput;
import ai.instill.flink.server.models.CompletionStandIn;
import ai.instill.flink.server.models.ModelFailure;
import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.runtime.executiongraph.ErrorInfo;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Kafka-to-Kafka job (exactly-once sinks, checkpoints every 200 ms) against a model server that
 * fails, restarts, slows down, throttles and answers nonsense. Every test counts every record:
 * inputs = outputs + dead letters, by count and by id.
 */
class ModelFaultsReliabilityITCase {

    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK = ReliabilityRuns.miniCluster(METRICS);

    /**
     * A completion model that cannot serve prompts containing this word: it answers OK with no
     * outputs.
     */
    private static final String POISON = "POISON";

    private static final String POISONED_MODEL = "local/poisoned-completion/v1";

    @RegisterExtension
    static final KafkaAndModelServer STACK =
            new KafkaAndModelServer(
                    () -> {
                        CompletionStandIn completion = new CompletionStandIn();
                        return LocalModelServer.builder()
                                .withDefaultModels()
                                .model(
                                        POISONED_MODEL,
                                        Task.TASK_COMPLETION,
                                        input -> {
                                            String prompt =
                                                    input.getFieldsOrThrow("data")
                                                            .getStructValue()
                                                            .getFieldsOrThrow("prompt")
                                                            .getStringValue();
                                            if (prompt.contains(POISON)) {
                                                throw new ModelFailure(
                                                        "the model cannot serve this prompt");
                                            }
                                            return completion.infer(input);
                                        });
                    });

    @Test
    void thirtyPercentUnavailableIsRetriedUntilEveryRecordIsEnriched() throws Exception {
        int count = 300;
        STACK.server()
                .faults(DefaultModels.CLASSIFIER)
                .seed(30)
                .errorRate(Status.Code.UNAVAILABLE, 0.3);
        KafkaJobSettings config =
                config(
                        "unavailable-30",
                        "classification",
                        DefaultModels.CLASSIFIER,
                        Map.of(
                                // 0.3^20: no record runs out of attempts
                                "retry.max-attempts",
                                "20",
                                "retry.initial-backoff",
                                "5 ms",
                                "retry.max-backoff",
                                "50 ms",
                                "batch.max-size",
                                "4"));
        List<Map.Entry<String, String>> input = records(count, this::image);

        JobClient job = ReliabilityRuns.start(List.of(new Pipeline(config, input)), 0);
        ReliabilityRuns.awaitEnd(job);

        Ledger ledger = ledger(config).balance(keys(input));
        assertThat(ledger.outputCount()).isEqualTo(300);
        assertThat(ledger.deadLetterCount()).isZero();
        assertThat(STACK.server().stats(DefaultModels.CLASSIFIER).failedCalls())
                .as("calls failed by the server")
                .isPositive();
        assertThat(counter(METRICS, job.getJobID(), "retries")).as("retries counted").isPositive();
        assertThat(counter(METRICS, job.getJobID(), "resultsOut")).isEqualTo(300);
    }

    @Test
    void anOutageSeveralTimesLongerThanTheRecordTimeoutDeadLettersNothing() throws Exception {
        int count = 300;
        STACK.server().faults(DefaultModels.CLASSIFIER).latency(Duration.ofMillis(40));
        KafkaJobSettings config =
                config(
                        "restart",
                        "classification",
                        DefaultModels.CLASSIFIER,
                        Map.of(
                                "batch.max-size",
                                "2",
                                "max-concurrent-calls",
                                "2",
                                // few records in flight: none waits a second for a call slot
                                "max-in-flight-records",
                                "8",
                                // the outage lasts 4 s or more: each record's budget runs out
                                // several times over while it is held
                                "record-timeout",
                                "1 s"));
        List<Map.Entry<String, String>> input = records(count, this::image);
        int port = STACK.server().port();

        // no restarts: the job rides the outage out without failing
        JobClient job = ReliabilityRuns.start(List.of(new Pipeline(config, input)), 0);
        ReliabilityRuns.awaitTrue(
                "a third of the records reached the model",
                () -> STACK.server().stats(DefaultModels.CLASSIFIER).inputs() >= count / 3);
        STACK.server().stop();
        long inputsBeforeStop = STACK.server().stats(DefaultModels.CLASSIFIER).inputs();
        Thread.sleep(4_000);
        STACK.server().start();
        ReliabilityRuns.awaitEnd(job);

        assertThat(STACK.server().port()).isEqualTo(port);
        assertThat(inputsBeforeStop)
                .as("the server stopped in the middle of the stream")
                .isLessThan(count);
        Ledger ledger = ledger(config).balance(keys(input));
        assertThat(deadLetters(config)).isEmpty();
        assertThat(ledger.outputCount()).isEqualTo(300);
        assertThat(STACK.server().stats(DefaultModels.CLASSIFIER).inputs())
                .as("calls after the restart")
                .isGreaterThan(inputsBeforeStop);
        assertThat(counter(METRICS, job.getJobID(), "retries"))
                .as("the calls during the outage were retried")
                .isPositive();
        assertThat(counter(METRICS, job.getJobID(), "failedRecords")).isZero();
        assertThat(counter(METRICS, job.getJobID(), "systemFailures")).isZero();
    }

    @Test
    void anOutagePastItsLimitFailsTheJobWhichRestartsFromItsCheckpointWithExactOutput(
            @InjectMiniCluster MiniCluster cluster) throws Exception {
        int count = 300;
        STACK.server().faults(DefaultModels.CLASSIFIER).latency(Duration.ofMillis(40));
        KafkaJobSettings config =
                config(
                        "outage-limit",
                        "classification",
                        DefaultModels.CLASSIFIER,
                        Map.of(
                                "batch.max-size",
                                "2",
                                "max-concurrent-calls",
                                "2",
                                "max-in-flight-records",
                                "8",
                                "record-timeout",
                                "1 s",
                                "outage.fail-after",
                                "2 s"));
        List<Map.Entry<String, String>> input = records(count, this::image);

        JobClient job = ReliabilityRuns.start(List.of(new Pipeline(config, input)), 3);
        ReliabilityRuns.awaitTrue(
                "a third of the records reached the model",
                () -> STACK.server().stats(DefaultModels.CLASSIFIER).inputs() >= count / 3);
        STACK.server().stop();
        ReliabilityRuns.awaitTrue(
                "the job failed for the outage",
                () -> ReliabilityRuns.restarts(METRICS, job.getJobID()) > 0);
        STACK.server().start();
        ReliabilityRuns.awaitEnd(job);

        Ledger ledger = ledger(config).balance(keys(input));
        assertThat(deadLetters(config)).isEmpty();
        assertThat(ledger.outputCount()).as("every record enriched exactly once").isEqualTo(300);
        assertThat(ledger.deadLetterCount()).isZero();
        assertThat(counter(METRICS, job.getJobID(), "systemFailures"))
                .as("records ended by the outage")
                .isPositive();
        assertThat(counter(METRICS, job.getJobID(), "failedRecords")).isZero();
        ErrorInfo failure =
                cluster.getArchivedExecutionGraph(job.getJobID()).get().getFailureInfo();
        assertThat(failure).as("the job's last failure").isNotNull();
        assertThat(failure.getExceptionAsString()).contains("outage.fail-after");
    }

    @Test
    void aLatencySpikeBeyondTheRecordTimeoutHoldsTheRecordsInsteadOfDeadLetteringThem()
            throws Exception {
        int count = 200;
        // every call takes longer than its deadline, until the spike ends
        STACK.server().faults(DefaultModels.CLASSIFIER).latency(Duration.ofMillis(1_500));
        KafkaJobSettings config =
                config(
                        "latency-spike",
                        "classification",
                        DefaultModels.CLASSIFIER,
                        Map.of(
                                "record-timeout",
                                "1 s",
                                "request-timeout",
                                "400 ms",
                                "retry.max-attempts",
                                "3",
                                "retry.initial-backoff",
                                "10 ms",
                                "batch.max-size",
                                "4",
                                "max-concurrent-calls",
                                "2"));
        List<Map.Entry<String, String>> input = records(count, this::image);

        // restart strategy none: a single failure would fail the job, so finishing proves that
        // the spike neither failed it nor emptied the stream into the dead letters
        JobClient job = ReliabilityRuns.start(List.of(new Pipeline(config, input)), 0);
        ReliabilityRuns.awaitTrue(
                "the circuit opened in the spike",
                () ->
                        ReliabilityRuns.metrics(METRICS, job.getJobID(), "circuitOpen").stream()
                                .anyMatch(m -> ((Gauge<?>) m).getValue().equals(1)));
        STACK.server().faults(DefaultModels.CLASSIFIER).latency(Duration.ZERO);
        ReliabilityRuns.awaitEnd(job);

        Ledger ledger = ledger(config).balance(keys(input));
        assertThat(ledger.outputCount()).isEqualTo(200);
        assertThat(ledger.deadLetterCount()).isZero();
        assertThat(counter(METRICS, job.getJobID(), "failedRecords")).isZero();
        assertThat(counter(METRICS, job.getJobID(), "retries")).isPositive();
    }

    @Test
    void resourceExhaustedBurstsThrottleAndRecoverWithoutARestart() throws Exception {
        int count = 300;
        STACK.server()
                .faults(DefaultModels.CLASSIFIER)
                .latency(Duration.ofMillis(5))
                .failNext(25, Status.Code.RESOURCE_EXHAUSTED);
        KafkaJobSettings config =
                config(
                        "exhausted",
                        "classification",
                        DefaultModels.CLASSIFIER,
                        Map.of(
                                "batch.max-size",
                                "4",
                                "max-concurrent-calls",
                                "8",
                                "retry.max-attempts",
                                "30",
                                "retry.initial-backoff",
                                "10 ms",
                                "retry.max-backoff",
                                "200 ms"));
        List<Map.Entry<String, String>> input = records(count, this::image);

        JobClient job = ReliabilityRuns.start(List.of(new Pipeline(config, input)), 0);
        ReliabilityRuns.awaitTrue(
                "half the records reached the model",
                () -> STACK.server().stats(DefaultModels.CLASSIFIER).inputs() >= count / 2);
        STACK.server()
                .faults(DefaultModels.CLASSIFIER)
                .failNext(25, Status.Code.RESOURCE_EXHAUSTED); // a second burst
        ReliabilityRuns.awaitEnd(job);

        Ledger ledger = ledger(config).balance(keys(input));
        assertThat(ledger.outputCount()).isEqualTo(300);
        assertThat(ledger.deadLetterCount()).isZero();
        assertThat(STACK.server().stats(DefaultModels.CLASSIFIER).failedCalls())
                .isGreaterThanOrEqualTo(25);
        assertThat(counter(METRICS, job.getJobID(), "throttlingEvents"))
                .as("calls in flight were cut")
                .isPositive();
        assertThat(counter(METRICS, job.getJobID(), "retries")).isPositive();
    }

    @Test
    void answersWithNoOrFewerOutputsAreRetriedAndThenDeadLettered() throws Exception {
        int count = 200;
        STACK.server().faults(POISONED_MODEL).emptyOutputsNext(1).fewerOutputsNext(1);
        KafkaJobSettings config =
                config(
                        "short-answers",
                        "TEXT_GENERATION",
                        POISONED_MODEL,
                        Map.of(
                                "batch.max-size",
                                "4",
                                "retry.max-attempts",
                                "3",
                                "retry.initial-backoff",
                                "5 ms"));
        List<Map.Entry<String, String>> input =
                records(
                        count,
                        i ->
                                i % 40 == 7
                                        ? object(
                                                "id",
                                                "k" + i,
                                                "prompt",
                                                "please " + POISON + " the well " + i)
                                        : object("id", "k" + i, "prompt", SampleData.prompt(i)));

        JobClient job = ReliabilityRuns.start(List.of(new Pipeline(config, input)), 0);
        ReliabilityRuns.awaitEnd(job);

        Ledger ledger = ledger(config).balance(keys(input));
        assertThat(ledger.deadLetters())
                .as("exactly the records the model cannot serve")
                .containsExactlyInAnyOrder("k7", "k47", "k87", "k127", "k167");
        assertThat(ledger.outputCount()).isEqualTo(195);
        for (ConsumerRecord<String, String> dead :
                committed(STACK.kafka().bootstrapServers(), config.deadLetterTopic())) {
            JsonNode letter = json(dead);
            assertThat(letter.get("code").asText()).isEqualTo("MISSING_OUTPUTS");
            // twice alone, after one try in a batch unless the input went quiet just before it
            // and it left alone from the start
            int attempts = letter.get("attempts").asInt();
            assertThat(attempts)
                    .as("twice alone, after at most one try in a batch")
                    .isBetween(2, 3);
            assertThat(letter.get("reason").asText())
                    .contains("answered OK with 0 output(s)")
                    .contains("gave up: after " + attempts + " attempts");
        }
        assertThat(counter(METRICS, job.getJobID(), "isolatedRecords"))
                .as("spoiled batches were split")
                .isPositive();
        assertThat(counter(METRICS, job.getJobID(), "retries")).isPositive();
    }

    @Test
    void malformedAnswersAreDeadLetteredWithTheirJsonPathNeverAsAWrongResult() throws Exception {
        int count = 60;
        STACK.server()
                .faults(DefaultModels.INSTANCE_SEGMENTER)
                .malformedOutputsNext(3, MalformedOutput.MISSING_FIELD)
                .malformedOutputsNext(3, MalformedOutput.WRONG_TYPE)
                .malformedOutputsNext(3, MalformedOutput.RLE_OUT_OF_BOX);
        KafkaJobSettings config =
                config(
                        "malformed",
                        "INSTANCE_SEGMENTATION",
                        DefaultModels.INSTANCE_SEGMENTER,
                        Map.of("batch.enabled", "false", "drop-fields", "image"));
        List<Map.Entry<String, String>> input = records(count, this::shapes);

        JobClient job = ReliabilityRuns.start(List.of(new Pipeline(config, input)), 0);
        ReliabilityRuns.awaitEnd(job);

        Ledger ledger = ledger(config).balance(keys(input));
        List<String> reasons = new ArrayList<>();
        assertThat(ledger.deadLetterCount()).isEqualTo(9);
        assertThat(ledger.outputCount()).isEqualTo(51);
        for (ConsumerRecord<String, String> dead :
                committed(STACK.kafka().bootstrapServers(), config.deadLetterTopic())) {
            JsonNode letter = json(dead);
            assertThat(letter.get("code").asText()).isEqualTo("MALFORMED_OUTPUT");
            assertThat(letter.get("error_class").asText()).isEqualTo("NOT_RETRYABLE");
            assertThat(letter.get("attempts").asInt()).isEqualTo(1);
            assertThat(letter.get("reason").asText())
                    .contains("objects[0]")
                    .doesNotContain("NullPointerException");
            reasons.add(letter.get("reason").asText());
        }
        assertThat(reasons.stream().filter(r -> r.contains("missing")))
                .as("missing field")
                .hasSize(3);
        assertThat(reasons.stream().filter(r -> r.contains("expected a string, got number")))
                .as("wrong type")
                .hasSize(3);
        assertThat(
                        reasons.stream()
                                .filter(r -> r.contains("instance masks cover the bounding box")))
                .as("RLE out of its box")
                .hasSize(3);
        for (ConsumerRecord<String, String> out :
                committed(STACK.kafka().bootstrapServers(), config.outputTopic())) {
            assertThat(json(out).at("/instill/result/objects/0/rle").asText())
                    .doesNotEndWith(",1000000");
        }
    }

    // ---- fixtures
    // ---------------------------------------------------------------------------------------------

    private static KafkaJobSettings config(
            String name, String task, String model, Map<String, String> extra) {
        Map<String, String> settings =
                EnrichmentRuns.settings(
                        STACK.kafka().bootstrapServers(),
                        name,
                        task,
                        model,
                        STACK.server().target());
        settings.put("failure-policy", "DEAD_LETTER");
        settings.putAll(extra);
        return KafkaJobSettings.fromMap(settings);
    }

    private static List<String> deadLetters(KafkaJobSettings config) {
        return committed(STACK.kafka().bootstrapServers(), config.deadLetterTopic()).stream()
                .map(
                        r ->
                                r.key()
                                        + ": "
                                        + json(r).get("code").asText()
                                        + " "
                                        + json(r).get("reason").asText())
                .toList();
    }

    private static Ledger ledger(KafkaJobSettings config) {
        return Ledger.of(
                committed(STACK.kafka().bootstrapServers(), config.outputTopic()),
                committed(STACK.kafka().bootstrapServers(), config.deadLetterTopic()));
    }

    private static List<Map.Entry<String, String>> records(int count, IntFunction<String> value) {
        return IntStream.range(0, count).mapToObj(i -> Map.entry("k" + i, value.apply(i))).toList();
    }

    private static List<String> keys(List<Map.Entry<String, String>> input) {
        return input.stream().map(Map.Entry::getKey).toList();
    }

    private String image(int i) {
        return object("id", "k" + i, "image", dataUri(SampleData.solid(i)));
    }

    private String shapes(int i) {
        return object("id", "k" + i, "image", dataUri(SampleData.shapesAndText(i)));
    }

    private static String dataUri(byte[] png) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
    }
}
