package ai.instill.flink.examples.kafka;

import static ai.instill.flink.examples.kafka.KafkaJobOptions.BOOTSTRAP_SERVERS;
import static ai.instill.flink.examples.kafka.KafkaJobOptions.INPUT_TOPIC;

import ai.instill.flink.config.FailurePolicy;
import ai.instill.flink.config.InstillOptions;
import ai.instill.flink.examples.cli.OptionParser;
import ai.instill.flink.examples.cli.OptionTypes;
import ai.instill.flink.examples.kafka.KafkaJobOptions.Delivery;
import ai.instill.flink.examples.kafka.KafkaJobOptions.StartingOffsets;
import ai.instill.flink.task.InstillTask;
import java.io.Serializable;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;

/**
 * The checked settings of one enrichment pipeline: a {@link Configuration} of {@link
 * KafkaJobOptions}, with the defaults that depend on the input topic filled in.
 */
public final class KafkaJobSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final OptionParser PARSER = new OptionParser(KafkaJobOptions.all());

    /**
     * Keys that Flink's list of sensitive words matches ("token") but whose values are no secret:
     * where the token is, and the JSON fields of the mapping ({@code max-new-tokens-field}).
     */
    private static final Set<String> NOT_SECRET = notSecret();

    private final Configuration config;

    private KafkaJobSettings(Configuration config) {
        this.config = new Configuration(config);
        check();
    }

    /**
     * Reads flags ({@code --key value}, {@code --properties FILE}).
     *
     * @throws IllegalArgumentException with a one-line message for the user
     */
    public static KafkaJobSettings fromArgs(String... args) {
        return new KafkaJobSettings(PARSER.parse(args));
    }

    /** Reads options by key, as in a properties file. */
    public static KafkaJobSettings fromMap(Map<String, String> values) {
        return new KafkaJobSettings(PARSER.parse(values));
    }

    /** The help text of every option. */
    public static String usage() {
        return PARSER.usage();
    }

    private static Set<String> notSecret() {
        Set<String> keys = new HashSet<>();
        keys.add(InstillOptions.AUTH_TOKEN_ENV.key());
        keys.add(InstillOptions.AUTH_TOKEN_FILE.key());
        KafkaJobOptions.FIELDS.forEach(option -> keys.add(option.key()));
        return Set.copyOf(keys);
    }

    /** Whether a value is hidden when printed: Flink's sensitive keys, except the ones above. */
    private static boolean secret(String key) {
        return GlobalConfiguration.isSensitive(key) && !NOT_SECRET.contains(key);
    }

    private void check() {
        for (ConfigOption<?> required :
                List.of(
                        BOOTSTRAP_SERVERS,
                        INPUT_TOPIC,
                        InstillOptions.TASK,
                        InstillOptions.MODEL_NAME,
                        InstillOptions.ENDPOINT)) {
            if (config.getOptional(required).map(v -> v.toString().isBlank()).orElse(true)) {
                throw new IllegalArgumentException(
                        "missing option '--"
                                + required.key()
                                + "': "
                                + OptionTypes.description(required));
            }
        }
        atLeast(KafkaJobOptions.PARALLELISM, 1);
        atLeast(KafkaJobOptions.TOPIC_PARTITIONS, 1);
        atLeast(KafkaJobOptions.TOPIC_REPLICATION_FACTOR, 1);
        if (topicReplicationFactor() != null && topicReplicationFactor() > Short.MAX_VALUE) {
            throw new IllegalArgumentException("option '--topic-replication-factor' is too large");
        }
        if (checkpointInterval().isNegative() || checkpointInterval().isZero()) {
            throw new IllegalArgumentException("option '--checkpoint-interval' must be positive");
        }
        if (failurePolicy() == FailurePolicy.ERROR_COLUMNS) {
            throw new IllegalArgumentException(
                    "option '--failure-policy': ERROR_COLUMNS is for SQL; this job takes"
                            + " DEAD_LETTER, SKIP or FAIL");
        }
    }

    private void atLeast(ConfigOption<Integer> option, int min) {
        config.getOptional(option)
                .filter(value -> value < min)
                .ifPresent(
                        value -> {
                            throw new IllegalArgumentException(
                                    "option '--" + option.key() + "' must be at least " + min);
                        });
    }

    // ---- typed access
    // ------------------------------------------------------------------------------------------

    public String bootstrapServers() {
        return config.get(BOOTSTRAP_SERVERS);
    }

    public String inputTopic() {
        return config.get(INPUT_TOPIC);
    }

    public String outputTopic() {
        return config.getOptional(KafkaJobOptions.OUTPUT_TOPIC).orElse(inputTopic() + ".enriched");
    }

    public String deadLetterTopic() {
        return config.getOptional(KafkaJobOptions.DEAD_LETTER_TOPIC)
                .orElse(inputTopic() + ".dead-letters");
    }

    public String groupId() {
        return config.getOptional(KafkaJobOptions.GROUP_ID)
                .orElse("instill-enrichment-" + inputTopic());
    }

    public StartingOffsets startingOffsets() {
        return config.get(KafkaJobOptions.STARTING_OFFSETS);
    }

    public boolean bounded() {
        return config.get(KafkaJobOptions.BOUNDED);
    }

    public InstillTask task() {
        return config.get(InstillOptions.TASK);
    }

    public String modelName() {
        return config.get(InstillOptions.MODEL_NAME);
    }

    public String endpoint() {
        return config.get(InstillOptions.ENDPOINT);
    }

    public FailurePolicy failurePolicy() {
        return config.get(KafkaJobOptions.FAILURE_POLICY);
    }

    public Delivery delivery() {
        return config.get(KafkaJobOptions.DELIVERY);
    }

    public Duration checkpointInterval() {
        return config.get(KafkaJobOptions.CHECKPOINT_INTERVAL);
    }

    public String transactionalIdPrefix() {
        return config.getOptional(KafkaJobOptions.TRANSACTIONAL_ID_PREFIX)
                .orElse("instill-enrichment-" + inputTopic());
    }

    /** The job parallelism, or null for the cluster's default. */
    public Integer parallelism() {
        return config.getOptional(KafkaJobOptions.PARALLELISM).orElse(null);
    }

    public boolean createTopics() {
        return config.get(KafkaJobOptions.CREATE_TOPICS);
    }

    /** Partitions of created topics, or null for the broker's default. */
    public Integer topicPartitions() {
        return config.getOptional(KafkaJobOptions.TOPIC_PARTITIONS).orElse(null);
    }

    /** Replication factor of created topics, or null for the broker's default. */
    public Short topicReplicationFactor() {
        return config.getOptional(KafkaJobOptions.TOPIC_REPLICATION_FACTOR)
                .map(Integer::shortValue)
                .orElse(null);
    }

    public String resultField() {
        return config.get(KafkaJobOptions.RESULT_FIELD);
    }

    public List<String> dropFields() {
        return config.getOptional(KafkaJobOptions.DROP_FIELDS).orElse(List.of());
    }

    /** The JSON field of every mapping key ({@code image-field} → {@code image}). */
    public Map<String, String> fieldMapping() {
        Map<String, String> mapping = new LinkedHashMap<>();
        KafkaJobOptions.FIELDS.forEach(option -> mapping.put(option.key(), config.get(option)));
        return mapping;
    }

    /**
     * The options for the Instill operator: every connector option that is set, and the job's
     * failure policy.
     */
    public Configuration instillOptions() {
        Configuration options = new Configuration();
        for (ConfigOption<?> option : KafkaJobOptions.connectorOptions()) {
            copy(option, options);
        }
        options.set(KafkaJobOptions.FAILURE_POLICY, failurePolicy());
        return options;
    }

    private <T> void copy(ConfigOption<T> option, Configuration to) {
        config.getOptional(option).ifPresent(value -> to.set(option, value));
    }

    /** The Kafka client properties, {@code bootstrap.servers} included. */
    public Properties kafkaProperties() {
        Properties properties = new Properties();
        properties.putAll(config.getOptional(KafkaJobOptions.KAFKA).orElse(Map.of()));
        properties.setProperty("bootstrap.servers", bootstrapServers());
        return properties;
    }

    // ---- printing
    // ---------------------------------------------------------------------------------------------

    /**
     * Every setting in effect, one per line, defaults marked; secrets (the token, Kafka passwords
     * and JAAS configs) are replaced by {@value GlobalConfiguration#HIDDEN_CONTENT}.
     */
    public String describe() {
        Map<String, String> derived = new LinkedHashMap<>();
        derived.put(KafkaJobOptions.OUTPUT_TOPIC.key(), outputTopic());
        derived.put(KafkaJobOptions.DEAD_LETTER_TOPIC.key(), deadLetterTopic());
        derived.put(KafkaJobOptions.GROUP_ID.key(), groupId());
        derived.put(KafkaJobOptions.TRANSACTIONAL_ID_PREFIX.key(), transactionalIdPrefix());

        StringBuilder out = new StringBuilder("Settings of the Kafka enrichment job:");
        for (ConfigOption<?> option : KafkaJobOptions.all()) {
            if (option == KafkaJobOptions.KAFKA) {
                continue;
            }
            String key = option.key();
            boolean given = config.containsKey(key);
            String value;
            if (given) {
                value = OptionTypes.formatValue(option, config.get(option));
            } else if (derived.containsKey(key)) {
                value = derived.get(key);
            } else if (option.hasDefaultValue()) {
                value = OptionTypes.format(option);
            } else {
                continue;
            }
            line(out, key, value, given);
        }
        new TreeMap<>(config.toMap())
                .forEach(
                        (key, value) -> {
                            if (key.startsWith(KafkaJobOptions.KAFKA.key() + ".")) {
                                line(out, key, value, true);
                            }
                        });
        return out.toString();
    }

    private static void line(StringBuilder out, String key, String value, boolean given) {
        out.append(System.lineSeparator())
                .append(
                        String.format(
                                "  %-28s %s",
                                key, secret(key) ? GlobalConfiguration.HIDDEN_CONTENT : value))
                .append(given ? "" : "  (default)");
    }

    /** The settings as given, secrets hidden. */
    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>(config.toMap());
        shown.replaceAll((key, value) -> secret(key) ? GlobalConfiguration.HIDDEN_CONTENT : value);
        return shown.toString();
    }
}
