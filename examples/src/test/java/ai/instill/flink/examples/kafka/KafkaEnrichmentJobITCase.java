package ai.instill.flink.examples.kafka;

import static ai.instill.flink.examples.kafka.testutils.EnrichmentRuns.committed;
import static ai.instill.flink.examples.kafka.testutils.EnrichmentRuns.json;
import static ai.instill.flink.examples.kafka.testutils.EnrichmentRuns.object;
import static org.assertj.core.api.Assertions.assertThat;

import ai.instill.flink.examples.SampleData;
import ai.instill.flink.examples.kafka.testutils.EnrichmentRuns;
import ai.instill.flink.examples.kafka.testutils.KafkaAndModelServer;
import ai.instill.flink.server.DefaultModels;
import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Kafka-to-Kafka enrichment job on a Flink mini cluster, a real Kafka broker (in-process KRaft
 * without Docker) and the local model server over a real socket.
 */
class KafkaEnrichmentJobITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @RegisterExtension static final KafkaAndModelServer STACK = new KafkaAndModelServer();

    @Test
    void everyRecordComesOutOnceWithItsResultAndIsReadCommitted() throws Exception {
        int count = 120;
        KafkaJobSettings config = config("ocr-once", "ocr", DefaultModels.OCR, Map.of());
        List<Map.Entry<String, String>> input = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            input.add(
                    Map.entry(
                            "k" + i,
                            object("id", "k" + i, "image", dataUri(SampleData.shapesAndText(i)))));
        }

        EnrichmentRuns.run(config, input, 0, UnaryOperator.identity());

        List<ConsumerRecord<String, String>> out =
                committed(STACK.kafka().bootstrapServers(), config.outputTopic());
        assertThat(out).hasSize(count);
        assertThat(out.stream().map(ConsumerRecord::key))
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(keys(count));
        assertThat(committed(STACK.kafka().bootstrapServers(), config.deadLetterTopic())).isEmpty();
        for (ConsumerRecord<String, String> record : out) {
            JsonNode json = json(record);
            int seed = Integer.parseInt(record.key().substring(1));
            assertThat(json.get("id").asText()).isEqualTo(record.key());
            assertThat(json.get("image").asText())
                    .startsWith("data:image/png;base64,"); // the input is kept
            JsonNode instill = json.get("instill");
            assertThat(instill.get("task").asText()).isEqualTo("TASK_OCR");
            assertThat(instill.get("model").asText()).isEqualTo(DefaultModels.OCR);
            assertThat(instill.get("latency_ms").asDouble()).isPositive();
            JsonNode first = instill.at("/result/objects/0");
            assertThat(first.get("text").asText()).isEqualTo(SampleData.caption(seed));
            assertThat(first.get("bounding-box").get("width").asDouble()).isPositive();
        }
    }

    @Test
    void malformedRecordsAndModelFailuresGoToTheDeadLetterTopicWithTheirReasons() throws Exception {
        STACK.server().faults(DefaultModels.DETECTOR).failNext(4, Status.Code.INVALID_ARGUMENT);
        KafkaJobSettings config =
                config(
                        "detect-dlq",
                        "detection",
                        DefaultModels.DETECTOR,
                        Map.of("batch.enabled", "false", "drop-fields", "image"));
        List<Map.Entry<String, String>> input = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            input.add(
                    Map.entry(
                            "k" + i,
                            object("id", "k" + i, "image", dataUri(SampleData.shapesAndText(i)))));
        }
        input.add(Map.entry("not-json", "{\"id\": \"not-json\", \"image\": "));
        input.add(Map.entry("missing", object("id", "missing", "picture", "abc")));
        input.add(Map.entry("wrong-type", object("id", "wrong-type", "image", List.of(1, 2, 3))));
        input.add(
                Map.entry(
                        "not-base64",
                        object("id", "not-base64", "image", "data:image/png;base64,@@@")));
        input.add(Map.entry("not-an-object", "[1, 2, 3]"));

        EnrichmentRuns.run(config, input, 0, UnaryOperator.identity());

        List<ConsumerRecord<String, String>> out =
                committed(STACK.kafka().bootstrapServers(), config.outputTopic());
        List<ConsumerRecord<String, String>> dead =
                committed(STACK.kafka().bootstrapServers(), config.deadLetterTopic());
        // inputs = outputs + dead letters, each once
        List<String> seen = new ArrayList<>();
        out.forEach(r -> seen.add(r.key()));
        dead.forEach(r -> seen.add(r.key()));
        assertThat(seen)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(
                        input.stream().map(Map.Entry::getKey).toList());
        assertThat(out)
                .hasSize(40 - 4)
                .allSatisfy(
                        r -> {
                            assertThat(json(r).has("image")).isFalse();
                            assertThat(json(r).at("/instill/result/objects").isArray()).isTrue();
                        });

        Map<String, JsonNode> letters =
                dead.stream().collect(Collectors.toMap(ConsumerRecord::key, EnrichmentRuns::json));
        assertThat(letters.get("not-json").get("original").asText())
                .isEqualTo("{\"id\": \"not-json\", \"image\": ");
        assertThat(letters.get("not-json").get("reason").asText())
                .contains("'record'")
                .contains("is not JSON");
        assertThat(letters.get("missing").get("reason").asText())
                .contains("'image'")
                .contains("is missing");
        assertThat(letters.get("wrong-type").get("reason").asText())
                .contains("'image'")
                .contains("must be a string")
                .contains("got an array");
        assertThat(letters.get("not-base64").get("reason").asText()).contains("not valid base64");
        assertThat(letters.get("not-an-object").get("reason").asText())
                .contains("must be a JSON object");
        for (String key :
                List.of("not-json", "missing", "wrong-type", "not-base64", "not-an-object")) {
            JsonNode letter = letters.get(key);
            assertThat(letter.get("code").asText()).as(key).isEqualTo("INVALID_INPUT");
            assertThat(letter.get("error_class").asText()).as(key).isEqualTo("BAD_INPUT");
            assertThat(letter.get("attempts").asInt()).as(key).isZero();
            assertThat(letter.get("task").asText()).isEqualTo("TASK_DETECTION");
            assertThat(letter.get("source").get("topic").asText()).isEqualTo(config.inputTopic());
        }
        List<JsonNode> modelFailures =
                letters.values().stream()
                        .filter(l -> l.get("code").asText().equals("INVALID_ARGUMENT"))
                        .toList();
        assertThat(modelFailures)
                .hasSize(4)
                .allSatisfy(
                        l -> {
                            assertThat(l.get("attempts").asInt()).isEqualTo(1);
                            assertThat(l.get("error_class").asText()).isEqualTo("BAD_INPUT");
                            assertThat(l.get("model").asText()).isEqualTo(DefaultModels.DETECTOR);
                            assertThat(l.get("reason").asText()).isNotBlank();
                            assertThat(l.get("original").asText()).contains("\"image\"");
                        });
    }

    @Test
    void aFailoverInTheMiddleOfTheStreamStillWritesExactlyOneOutputPerInput() throws Exception {
        int count = 300;
        STACK.server().faults(DefaultModels.CLASSIFIER).latency(Duration.ofMillis(20));
        KafkaJobSettings config =
                config(
                        "classify-failover",
                        "classification",
                        DefaultModels.CLASSIFIER,
                        Map.of(
                                "checkpoint-interval",
                                "100 ms",
                                "batch.max-size",
                                "4",
                                "max-concurrent-calls",
                                "2"));
        List<Map.Entry<String, String>> input = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            input.add(
                    Map.entry(
                            "k" + i, object("id", "k" + i, "image", dataUri(SampleData.solid(i)))));
        }
        FailOnce.arm(count / 2);

        EnrichmentRuns.run(
                config, input, 3, stream -> stream.map(new FailOnce()).name("fail once"));

        assertThat(FailOnce.armed.get()).as("the injected failure happened").isFalse();
        List<ConsumerRecord<String, String>> out =
                committed(STACK.kafka().bootstrapServers(), config.outputTopic());
        assertThat(out.stream().map(ConsumerRecord::key).toList())
                .hasSize(count)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(keys(count));
        // model calls are at-least-once: the records after the last checkpoint were sent again
        assertThat(STACK.server().stats(DefaultModels.CLASSIFIER).inputs())
                .isGreaterThanOrEqualTo(count);
    }

    @Test
    void atLeastOnceDeliveryWritesEveryChatRecordWithItsAnswer() throws Exception {
        int count = 60;
        KafkaJobSettings config =
                config(
                        "chat-alo",
                        "chat",
                        DefaultModels.CHAT,
                        Map.of(
                                "delivery",
                                "at-least-once",
                                "prompt-field",
                                "/question/text",
                                "result-field",
                                "answer"));
        List<Map.Entry<String, String>> input = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<Map<String, Object>> history =
                    List.of(
                            Map.of("role", "user", "content", "Hello"),
                            Map.of(
                                    "role",
                                    "assistant",
                                    "content",
                                    List.of(Map.of("type", "text", "text", "Hi!"))));
            input.add(
                    Map.entry(
                            "k" + i,
                            object(
                                    "id",
                                    "k" + i,
                                    "question",
                                    Map.of("text", SampleData.question(i)),
                                    "chat_history",
                                    history,
                                    "temperature",
                                    0.2,
                                    "max_new_tokens",
                                    16)));
        }

        EnrichmentRuns.run(config, input, 0, UnaryOperator.identity());

        List<ConsumerRecord<String, String>> out =
                committed(STACK.kafka().bootstrapServers(), config.outputTopic());
        assertThat(out.stream().map(ConsumerRecord::key).collect(Collectors.toSet()))
                .isEqualTo(Set.copyOf(keys(count)));
        assertThat(out)
                .allSatisfy(
                        r -> {
                            JsonNode answer = json(r).get("answer");
                            assertThat(answer.get("task").asText()).isEqualTo("TASK_CHAT");
                            assertThat(answer.at("/result/text").asText()).isNotBlank();
                        });
        assertThat(committed(STACK.kafka().bootstrapServers(), config.deadLetterTopic())).isEmpty();
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
        settings.putAll(extra);
        return KafkaJobSettings.fromMap(settings);
    }

    private static List<String> keys(int count) {
        return IntStream.range(0, count).mapToObj(i -> "k" + i).toList();
    }

    private static String dataUri(byte[] png) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
    }

    /** Throws once, after some records, to force a failover between the operator and the sink. */
    static final class FailOnce implements MapFunction<OutgoingRecord, OutgoingRecord> {
        static final AtomicBoolean armed = new AtomicBoolean();
        static final AtomicInteger seen = new AtomicInteger();
        static volatile int after;

        static void arm(int records) {
            after = records;
            seen.set(0);
            armed.set(true);
        }

        @Override
        public OutgoingRecord map(OutgoingRecord record) {
            if (seen.incrementAndGet() > after && armed.compareAndSet(true, false)) {
                throw new IllegalStateException("injected failure for the failover test");
            }
            return record;
        }
    }
}
