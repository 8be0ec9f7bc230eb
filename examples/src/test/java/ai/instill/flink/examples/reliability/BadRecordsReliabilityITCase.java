package ai.instill.flink.examples.reliability;

import static ai.instill.flink.examples.kafka.testutils.EnrichmentRuns.committed;
import static ai.instill.flink.examples.kafka.testutils.EnrichmentRuns.json;
import static ai.instill.flink.examples.kafka.testutils.EnrichmentRuns.object;
import static org.assertj.core.api.Assertions.assertThat;

import ai.instill.flink.examples.SampleData;
import ai.instill.flink.examples.kafka.KafkaJobSettings;
import ai.instill.flink.examples.kafka.testutils.EnrichmentRuns;
import ai.instill.flink.examples.kafka.testutils.KafkaAndModelServer;
import ai.instill.flink.examples.kafka.testutils.Ledger;
import ai.instill.flink.examples.kafka.testutils.ReliabilityRuns;
import ai.instill.flink.examples.kafka.testutils.ReliabilityRuns.Pipeline;
import ai.instill.flink.server.DefaultModels;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every kind of bad record of the corpus in {@code src/test/resources/bad-records/corpus.jsonl},
 * each between good records, through the Kafka enrichment job (one job, one pipeline per task):
 * each one lands on the dead-letter topic with a reason that names the problem, the job keeps
 * running to its end, and the good records are enriched. (A wrong model or task is a setup mistake,
 * not a bad record: {@link SetupMistakesReliabilityITCase}.)
 */
class BadRecordsReliabilityITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The detection pipeline's max-image-size, so that a "huge" image still fits in a Kafka record.
     */
    private static final int MAX_IMAGE_BYTES = 64 * 1024;

    @RegisterExtension static final KafkaAndModelServer STACK = new KafkaAndModelServer();

    /** One line of the corpus. */
    record BadRecord(String kind, String pipeline, String value, String expect, String code) {}

    @Test
    void everyKindOfBadRecordIsDeadLetteredWithItsReasonAndTheGoodOnesAroundItAreEnriched()
            throws Exception {
        List<BadRecord> corpus = corpus();
        assertThat(corpus.stream().map(BadRecord::kind))
                .as("kinds of bad record")
                .hasSizeGreaterThanOrEqualTo(30)
                .doesNotHaveDuplicates();

        Map<String, List<BadRecord>> byPipeline =
                corpus.stream()
                        .collect(
                                Collectors.groupingBy(
                                        BadRecord::pipeline,
                                        LinkedHashMap::new,
                                        Collectors.toList()));
        List<Pipeline> pipelines = new ArrayList<>();
        Map<String, List<String>> goodKeys = new LinkedHashMap<>();
        for (Map.Entry<String, List<BadRecord>> group : byPipeline.entrySet()) {
            String name = group.getKey();
            List<Map.Entry<String, String>> input = new ArrayList<>();
            List<String> good = new ArrayList<>();
            int n = 0;
            for (BadRecord bad : group.getValue()) {
                String key = "good-" + name + "-" + n;
                input.add(Map.entry(key, goodRecord(name, n++)));
                good.add(key);
                input.add(new AbstractMap.SimpleEntry<>("bad-" + bad.kind(), bad.value()));
            }
            String key = "good-" + name + "-" + n;
            input.add(Map.entry(key, goodRecord(name, n)));
            good.add(key);
            goodKeys.put(name, good);
            pipelines.add(new Pipeline(pipelineConfig(name), input));
        }

        // one job for all pipelines, no restarts: finishing proves no bad record failed the job
        JobClient job = ReliabilityRuns.start(pipelines, 0);
        ReliabilityRuns.awaitEnd(job);

        int deadLetters = 0;
        int enriched = 0;
        for (Pipeline pipeline : pipelines) {
            KafkaJobSettings config = pipeline.config();
            List<ConsumerRecord<String, String>> out =
                    committed(STACK.kafka().bootstrapServers(), config.outputTopic());
            List<ConsumerRecord<String, String>> dead =
                    committed(STACK.kafka().bootstrapServers(), config.deadLetterTopic());
            Ledger ledger =
                    Ledger.of(out, dead)
                            .balance(pipeline.input().stream().map(Map.Entry::getKey).toList());
            String name = pipelineName(config);
            assertThat(ledger.outputs())
                    .as("good records of %s", name)
                    .containsExactlyInAnyOrderElementsOf(goodKeys.get(name));
            Map<String, JsonNode> letters =
                    dead.stream()
                            .collect(Collectors.toMap(ConsumerRecord::key, EnrichmentRuns::json));
            for (BadRecord bad : byPipeline.get(name)) {
                JsonNode letter = letters.get("bad-" + bad.kind());
                assertThat(letter).as(bad.kind()).isNotNull();
                assertThat(letter.get("code").asText()).as(bad.kind()).isEqualTo(bad.code());
                assertThat(letter.get("reason").asText())
                        .as(bad.kind())
                        .contains(bad.expect())
                        .doesNotContain("NullPointerException");
                if (bad.code().equals("INVALID_INPUT")) {
                    assertThat(letter.get("error_class").asText())
                            .as(bad.kind())
                            .isEqualTo("BAD_INPUT");
                    assertThat(letter.get("attempts").asInt())
                            .as("%s is never sent", bad.kind())
                            .isZero();
                }
                assertThat(letter.get("original").isNull() ? null : letter.get("original").asText())
                        .as(bad.kind())
                        .isEqualTo(bad.value());
            }
            for (ConsumerRecord<String, String> record : out) {
                assertThat(json(record).at("/instill/result").isObject()).isTrue();
            }
            deadLetters += ledger.deadLetterCount();
            enriched += ledger.outputCount();
        }
        assertThat(deadLetters).as("every bad record is dead-lettered").isEqualTo(corpus.size());
        assertThat(enriched)
                .as("every good record is enriched")
                .isEqualTo(goodKeys.values().stream().mapToInt(List::size).sum());
    }

    // ---- the corpus
    // ---------------------------------------------------------------------------------------------

    static List<BadRecord> corpus() throws Exception {
        List<BadRecord> corpus = new ArrayList<>();
        try (InputStream in =
                        BadRecordsReliabilityITCase.class.getResourceAsStream(
                                "/bad-records/corpus.jsonl");
                BufferedReader lines =
                        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode entry = JSON.readTree(line);
                String value;
                if (entry.has("raw")) {
                    value = entry.get("raw").isNull() ? null : entry.get("raw").textValue();
                } else if (entry.has("generate")) {
                    value = generate(entry.get("generate").asText());
                } else {
                    value = JSON.writeValueAsString(entry.get("record"));
                }
                corpus.add(
                        new BadRecord(
                                entry.get("kind").asText(),
                                entry.get("pipeline").asText(),
                                value,
                                entry.get("expect").asText(),
                                entry.has("code") ? entry.get("code").asText() : "INVALID_INPUT"));
            }
        }
        return corpus;
    }

    /** The payloads a text file can't hold well. */
    private static String generate(String what) {
        return switch (what) {
            case "huge-image" -> {
                // a PNG signature and header, then more bytes than the pipeline's max-image-size
                byte[] png = SampleData.solid(1);
                byte[] huge = Arrays.copyOf(png, MAX_IMAGE_BYTES * 2);
                yield object("id", "huge", "image", Base64.getEncoder().encodeToString(huge));
            }
            case "truncated-png" ->
                    object(
                            "id",
                            "truncated",
                            "image",
                            Base64.getEncoder()
                                    .encodeToString(
                                            Arrays.copyOf(SampleData.shapesAndText(3), 60)));
            case "random-bytes" -> {
                byte[] noise = new byte[2048];
                new Random(42).nextBytes(noise);
                ByteBuffer.wrap(noise)
                        .put(0, (byte) 0x00); // no image format starts with a zero byte
                yield object("id", "noise", "image", Base64.getEncoder().encodeToString(noise));
            }
            case "good-image" ->
                    object(
                            "id",
                            "fine",
                            "image",
                            Base64.getEncoder().encodeToString(SampleData.solid(5)));
            default -> throw new IllegalArgumentException("unknown generator " + what);
        };
    }

    private static String goodRecord(String pipeline, int n) {
        return switch (pipeline) {
            case "detection" ->
                    object(
                            "id",
                            n,
                            "image",
                            "data:image/png;base64,"
                                    + Base64.getEncoder()
                                            .encodeToString(SampleData.shapesAndText(n)));
            case "chat", "text-generation" -> object("id", n, "prompt", SampleData.prompt(n));
            case "text-to-image" ->
                    object("id", n, "prompt", "a red circle number " + n, "samples", 1);
            case "embedding" ->
                    object("id", n, "items", List.of("hello " + n, Map.of("text", "world")));
            default -> throw new IllegalArgumentException(pipeline);
        };
    }

    private static KafkaJobSettings pipelineConfig(String pipeline) {
        String task;
        String model;
        Map<String, String> extra = new LinkedHashMap<>();
        switch (pipeline) {
            case "detection" -> {
                task = "detection";
                model = DefaultModels.DETECTOR;
                extra.put("max-image-size", MAX_IMAGE_BYTES + " b");
                extra.put("drop-fields", "image");
            }
            case "chat" -> {
                task = "chat";
                model = DefaultModels.CHAT;
            }
            case "text-generation" -> {
                task = "TEXT_GENERATION";
                model = DefaultModels.COMPLETION;
            }
            case "text-to-image" -> {
                task = "TEXT_TO_IMAGE";
                model = DefaultModels.TEXT_TO_IMAGE;
            }
            case "embedding" -> {
                task = "embedding";
                model = DefaultModels.EMBEDDER;
            }
            default -> throw new IllegalArgumentException(pipeline);
        }
        Map<String, String> settings =
                EnrichmentRuns.settings(
                        STACK.kafka().bootstrapServers(),
                        "bad-" + pipeline,
                        task,
                        model,
                        STACK.server().target());
        settings.put("failure-policy", "DEAD_LETTER");
        settings.put("parallelism", "1");
        settings.put("topic-partitions", "1");
        settings.putAll(extra);
        return KafkaJobSettings.fromMap(settings);
    }

    private static String pipelineName(KafkaJobSettings config) {
        String topic = config.inputTopic();
        return topic.substring("bad-".length(), topic.length() - ".in".length());
    }
}
