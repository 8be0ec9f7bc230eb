package ai.instill.flink.examples.kafka;

import ai.instill.flink.config.FailurePolicy;
import ai.instill.flink.config.InstillOptions;
import ai.instill.flink.task.InstillTask;
import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.util.TimeUtils;

/**
 * The settings of {@link KafkaEnrichmentJob}, read from command-line flags ({@code --key value})
 * and/or a properties file ({@code --properties file}, flags win): the Kafka side, the model call,
 * where the task input sits in the JSON record, and any option of {@link InstillOptions} under its
 * own key.
 */
public final class KafkaEnrichmentConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The sink's delivery guarantee. */
    public enum Delivery {
        EXACTLY_ONCE,
        AT_LEAST_ONCE
    }

    /** Where the source starts when the consumer group has no committed offset yet. */
    public enum StartingOffsets {
        COMMITTED,
        EARLIEST,
        LATEST
    }

    /** Every job key with its description; the Instill options and {@code kafka.*} come on top. */
    public static final Map<String, String> JOB_KEYS = jobKeys();

    private static final List<String> INSTILL_KEYS = instillKeys();

    private final Map<String, String> values;

    private KafkaEnrichmentConfig(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        validate();
    }

    private static Map<String, String> jobKeys() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("bootstrap-servers", "Kafka bootstrap servers, host:port[,host:port]. Required.");
        keys.put("input-topic", "Topic with the JSON records to enrich. Required.");
        keys.put(
                "output-topic", "Topic for the enriched records. Default: <input-topic>.enriched.");
        keys.put(
                "dead-letter-topic",
                "Topic for the records that failed. Default: <input-topic>.dead-letters.");
        keys.put(
                "group-id",
                "Consumer group of the source. Default: instill-enrichment-<input-topic>.");
        keys.put(
                "starting-offsets",
                "committed (the group's committed offsets, else earliest), earliest or latest."
                        + " Default: committed.");
        keys.put(
                "bounded",
                "true: stop at the end offsets seen at start-up (a batch run). Default: false.");
        keys.put(
                "task",
                "The task, e.g. detection, ocr, text-generation, chat (any InstillTask)."
                        + " Required.");
        keys.put("model-name", "The model, namespace/model/version. Required.");
        keys.put(
                "endpoint",
                "Instill Model address: host:port, http://host:port or https://host[:port]."
                        + " Required.");
        keys.put(
                "token-env",
                "Environment variable holding the Instill API token (= auth.token-env).");
        keys.put("token-file", "File holding the Instill API token (= auth.token-file).");
        JsonInputMapping.DEFAULT_FIELDS.forEach(
                (key, field) ->
                        keys.put(
                                key,
                                "JSON field (or /json/pointer) of "
                                        + key.substring(0, key.length() - "-field".length())
                                        + ". Default: "
                                        + field
                                        + "."));
        keys.put(
                "result-field",
                "Field of the output record that holds the result. Default: instill.");
        keys.put(
                "drop-fields",
                "Comma-separated input fields left out of the output (e.g. image). Default: none.");
        keys.put(
                "delivery",
                "exactly-once (Kafka transactions) or at-least-once. Default: exactly-once.");
        keys.put(
                "checkpoint-interval",
                "Checkpoint interval; exactly-once output becomes visible at each checkpoint."
                        + " Default: 10 s.");
        keys.put(
                "transactional-id-prefix",
                "Prefix of the sink's transactional ids; unique per job on a Kafka cluster."
                    + " Default: instill-enrichment-<input-topic>; -out and -dlq are appended.");
        keys.put("parallelism", "Job parallelism. Default: the cluster's default.");
        keys.put("create-topics", "Create missing topics before the job starts. Default: true.");
        keys.put(
                "topic-partitions", "Partitions of created topics. Default: the broker's default.");
        keys.put(
                "topic-replication-factor",
                "Replication factor of created topics. Default: the broker's default.");
        keys.put(
                "kafka.<property>",
                "Any Kafka client property for the source, sink and admin client"
                        + " (e.g. kafka.security.protocol=SASL_SSL).");
        keys.put(
                "option",
                "key=value of an Instill option (repeatable); the keys can also be given"
                        + " directly.");
        return Collections.unmodifiableMap(keys);
    }

    private static List<String> instillKeys() {
        List<String> keys = new ArrayList<>();
        for (Field field : InstillOptions.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers())
                    && ConfigOption.class.isAssignableFrom(field.getType())) {
                try {
                    keys.add(((ConfigOption<?>) field.get(null)).key());
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return Collections.unmodifiableList(keys);
    }

    // ---- reading
    // ---------------------------------------------------------------------------------------------

    /**
     * Reads {@code --key value} flags; {@code --properties file} loads a file first, the flags
     * override it.
     */
    public static KafkaEnrichmentConfig fromArgs(String[] args) throws IOException {
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException(
                        "Unexpected argument '" + arg + "'; flags look like --key value");
            }
            String key = arg.substring(2);
            String value;
            int equals = key.indexOf('=');
            if (equals > 0 && !key.startsWith("option")) {
                value = key.substring(equals + 1);
                key = key.substring(0, equals);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                value = args[++i];
            } else {
                value = "true";
            }
            if (key.equals("option")) {
                int sep = value.indexOf('=');
                if (sep <= 0) {
                    throw new IllegalArgumentException(
                            "--option takes key=value, got '" + value + "'");
                }
                flags.put(value.substring(0, sep), value.substring(sep + 1));
            } else {
                flags.put(key, value);
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        String file = flags.remove("properties");
        if (file != null) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(Path.of(file))) {
                properties.load(reader);
            }
            properties
                    .stringPropertyNames()
                    .forEach(name -> values.put(name, properties.getProperty(name).trim()));
        }
        values.putAll(flags);
        return fromMap(values);
    }

    /** Reads the same keys from a map. */
    public static KafkaEnrichmentConfig fromMap(Map<String, String> values) {
        Map<String, String> normalised = new LinkedHashMap<>();
        values.forEach(
                (key, value) -> {
                    String k = key.trim();
                    if (k.equals("option")) {
                        throw new IllegalArgumentException(
                                "'option' takes key=value; in a map give the key itself");
                    }
                    normalised.put(k, value);
                });
        return new KafkaEnrichmentConfig(normalised);
    }

    /** A copy with some keys changed. */
    public KafkaEnrichmentConfig with(Map<String, String> changes) {
        Map<String, String> next = new LinkedHashMap<>(values);
        next.putAll(changes);
        return new KafkaEnrichmentConfig(next);
    }

    private void validate() {
        List<String> unknown = new ArrayList<>();
        for (String key : values.keySet()) {
            if (!JOB_KEYS.containsKey(key)
                    && !INSTILL_KEYS.contains(key)
                    && !key.startsWith("kafka.")) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(
                    "Unknown setting(s) "
                            + unknown
                            + ". Job keys: "
                            + JOB_KEYS.keySet()
                            + "; Instill options: "
                            + new TreeSet<>(INSTILL_KEYS)
                            + "; Kafka client properties: kafka.*");
        }
        for (String key :
                List.of("bootstrap-servers", "input-topic", "task", "model-name", "endpoint")) {
            if (values.getOrDefault(key, "").isBlank()) {
                throw new IllegalArgumentException(
                        "Missing setting '" + key + "': " + JOB_KEYS.get(key));
            }
        }
        task();
        delivery();
        startingOffsets();
        checkpointInterval();
        parallelism();
        topicPartitions();
        topicReplicationFactor();
    }

    // ---- typed access
    // ------------------------------------------------------------------------------------------

    public String bootstrapServers() {
        return values.get("bootstrap-servers");
    }

    public String inputTopic() {
        return values.get("input-topic");
    }

    public String outputTopic() {
        return values.getOrDefault("output-topic", inputTopic() + ".enriched");
    }

    public String deadLetterTopic() {
        return values.getOrDefault("dead-letter-topic", inputTopic() + ".dead-letters");
    }

    public String groupId() {
        return values.getOrDefault("group-id", "instill-enrichment-" + inputTopic());
    }

    public StartingOffsets startingOffsets() {
        return enumValue(StartingOffsets.class, "starting-offsets", StartingOffsets.COMMITTED);
    }

    public boolean bounded() {
        return Boolean.parseBoolean(values.getOrDefault("bounded", "false"));
    }

    public InstillTask task() {
        return InstillTask.parse(values.get("task"));
    }

    public String modelName() {
        return values.get("model-name");
    }

    public String endpoint() {
        return values.get("endpoint");
    }

    public Delivery delivery() {
        return enumValue(Delivery.class, "delivery", Delivery.EXACTLY_ONCE);
    }

    public Duration checkpointInterval() {
        return TimeUtils.parseDuration(values.getOrDefault("checkpoint-interval", "10 s"));
    }

    public String transactionalIdPrefix() {
        return values.getOrDefault("transactional-id-prefix", "instill-enrichment-" + inputTopic());
    }

    public Integer parallelism() {
        return intValue("parallelism");
    }

    public boolean createTopics() {
        return Boolean.parseBoolean(values.getOrDefault("create-topics", "true"));
    }

    public Integer topicPartitions() {
        return intValue("topic-partitions");
    }

    public Short topicReplicationFactor() {
        Integer factor = intValue("topic-replication-factor");
        return factor == null ? null : factor.shortValue();
    }

    public String resultField() {
        return values.getOrDefault("result-field", "instill");
    }

    public List<String> dropFields() {
        String fields = values.getOrDefault("drop-fields", "");
        return fields.isBlank()
                ? List.of()
                : Arrays.stream(fields.split(",")).map(String::trim).toList();
    }

    /** The field mapping keys that were set ({@code image-field} → JSON field). */
    public Map<String, String> fieldMapping() {
        Map<String, String> mapping = new LinkedHashMap<>();
        values.forEach(
                (key, value) -> {
                    if (JsonInputMapping.DEFAULT_FIELDS.containsKey(key)) {
                        mapping.put(key, value);
                    }
                });
        return mapping;
    }

    /**
     * The options handed to the Instill operator: its own keys, the token aliases, and DEAD_LETTER
     * by default.
     */
    public Map<String, String> instillOptions() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put(InstillOptions.FAILURE_POLICY.key(), FailurePolicy.DEAD_LETTER.name());
        if (values.containsKey("token-env")) {
            options.put(InstillOptions.AUTH_TOKEN_ENV.key(), values.get("token-env"));
        }
        if (values.containsKey("token-file")) {
            options.put(InstillOptions.AUTH_TOKEN_FILE.key(), values.get("token-file"));
        }
        values.forEach(
                (key, value) -> {
                    if (INSTILL_KEYS.contains(key)) {
                        options.put(key, value);
                    }
                });
        options.put(InstillOptions.TASK.key(), task().name());
        return options;
    }

    /** Kafka client properties given as {@code kafka.*}, without the prefix. */
    public Properties kafkaProperties() {
        Properties properties = new Properties();
        values.forEach(
                (key, value) -> {
                    if (key.startsWith("kafka.")) {
                        properties.setProperty(key.substring("kafka.".length()), value);
                    }
                });
        properties.setProperty("bootstrap.servers", bootstrapServers());
        return properties;
    }

    /** All settings as given. */
    public Map<String, String> asMap() {
        return values;
    }

    /** The help text of the job's settings. */
    public static String usage() {
        StringBuilder out =
                new StringBuilder(
                        "Settings (flags --key value, or keys of a --properties file):\n");
        JOB_KEYS.forEach(
                (key, description) -> out.append(String.format("  %-26s %s%n", key, description)));
        out.append(
                "  and every Instill option by its key, e.g. batch.max-size, max-concurrent-calls,"
                        + " retry.max-attempts, record-timeout, failure-policy"
                        + " (docs/configuration.md).\n");
        return out.toString();
    }

    private Integer intValue(String key) {
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "Setting '" + key + "' must be an integer, got '" + value + "'");
        }
    }

    private <E extends Enum<E>> E enumValue(Class<E> type, String key, E fallback) {
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "Setting '"
                            + key
                            + "' must be one of "
                            + Arrays.stream(type.getEnumConstants())
                                    .map(c -> c.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                                    .toList()
                            + ", got '"
                            + value
                            + "'");
        }
    }

    @Override
    public String toString() {
        Map<String, String> shown = new LinkedHashMap<>(values);
        shown.computeIfPresent(InstillOptions.AUTH_TOKEN.key(), (k, v) -> "***");
        shown.replaceAll(
                (k, v) ->
                        k.startsWith("kafka.") && (k.contains("password") || k.contains("jaas"))
                                ? "***"
                                : v);
        return shown.toString();
    }
}
