package ai.instill.flink.examples.kafka.testutils;

import ai.instill.flink.examples.SampleData;
import ai.instill.flink.examples.kafka.KafkaEnrichmentJob;
import ai.instill.flink.examples.kafka.KafkaJobSettings;
import ai.instill.flink.examples.kafka.OutgoingRecord;
import ai.instill.flink.examples.kafka.TopicClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Runs the enrichment job as a bounded batch on the test's mini cluster and reads what it wrote.
 */
public final class EnrichmentRuns {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EnrichmentRuns() {}

    /** The settings of a bounded run over fresh topics named after {@code name}. */
    public static Map<String, String> settings(
            String bootstrap, String name, String task, String model, String endpoint) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("bootstrap-servers", bootstrap);
        settings.put("input-topic", name + ".in");
        settings.put("output-topic", name + ".out");
        settings.put("dead-letter-topic", name + ".dlq");
        settings.put("task", task);
        settings.put("model-name", model);
        settings.put("endpoint", endpoint);
        settings.put("bounded", "true");
        settings.put("checkpoint-interval", "200 ms");
        settings.put("parallelism", "2");
        settings.put("topic-partitions", "2");
        return settings;
    }

    /** Creates the topics, writes the input records (key, value) and runs the job to its end. */
    public static void run(
            KafkaJobSettings config,
            List<Map.Entry<String, String>> input,
            int restarts,
            UnaryOperator<DataStream<OutgoingRecord>> beforeSink)
            throws Exception {
        KafkaEnrichmentJob.createTopics(config);
        TopicClient.write(config.bootstrapServers(), config.inputTopic(), input);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        KafkaEnrichmentJob.configure(env, config);
        Configuration restart = new Configuration();
        if (restarts > 0) {
            restart.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            restart.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, restarts);
            restart.set(
                    RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY,
                    java.time.Duration.ofMillis(200));
        } else {
            restart.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        }
        env.configure(restart);
        KafkaEnrichmentJob.addTo(env, config, beforeSink);
        env.execute("enrichment " + config.inputTopic());
    }

    /** The committed records of a topic (isolation.level=read_committed). */
    public static List<ConsumerRecord<String, String>> committed(String bootstrap, String topic) {
        return TopicClient.readAll(bootstrap, topic, true);
    }

    public static JsonNode json(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON object record, built with Jackson. */
    public static String object(Object... keysAndValues) {
        var node = JSON.createObjectNode();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            node.set((String) keysAndValues[i], JSON.valueToTree(keysAndValues[i + 1]));
        }
        try {
            return JSON.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code count} records {@code {"id": "<prefix>-i", "image": "data:image/png;base64,…"}} keyed
     * by their id, each a solid colour of {@link SampleData#solid}.
     */
    public static List<Map.Entry<String, String>> images(String prefix, int count) {
        return IntStream.range(0, count)
                .mapToObj(
                        i ->
                                Map.entry(
                                        prefix + "-" + i,
                                        object(
                                                "id",
                                                prefix + "-" + i,
                                                "image",
                                                "data:image/png;base64,"
                                                        + Base64.getEncoder()
                                                                .encodeToString(
                                                                        SampleData.solid(i)))))
                .toList();
    }
}
