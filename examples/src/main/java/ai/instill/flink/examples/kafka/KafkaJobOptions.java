package ai.instill.flink.examples.kafka;

import static org.apache.flink.configuration.description.TextElement.text;

import ai.instill.flink.config.FailurePolicy;
import ai.instill.flink.config.InstillOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.DescribedEnum;
import org.apache.flink.configuration.description.InlineElement;

/**
 * Every option of {@link KafkaEnrichmentJob}: the Kafka side, where the task input sits in the JSON
 * record, and which of the connector's {@link InstillOptions} the job passes to its operator; the
 * one source of keys, types, defaults and descriptions for its flags, properties files and docs.
 */
public final class KafkaJobOptions {

    private KafkaJobOptions() {}

    /** The sinks' delivery guarantee. */
    public enum Delivery implements DescribedEnum {
        EXACTLY_ONCE("Kafka transactions that commit at each checkpoint."),
        AT_LEAST_ONCE("No transactions; duplicates are possible after a failover.");

        private final String description;

        Delivery(String description) {
            this.description = description;
        }

        /** As written in flags: {@code exactly-once}. */
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        @Override
        public InlineElement getDescription() {
            return text(description);
        }
    }

    /** Where the source starts when the consumer group has no committed offset yet. */
    public enum StartingOffsets implements DescribedEnum {
        COMMITTED("The group's committed offsets, else the earliest."),
        EARLIEST("The earliest offsets."),
        LATEST("The latest offsets.");

        private final String description;

        StartingOffsets(String description) {
            this.description = description;
        }

        /** As written in flags: {@code committed}. */
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }

        @Override
        public InlineElement getDescription() {
            return text(description);
        }
    }

    // ---- topics and the Kafka clients
    // --------------------------------------------------------------------------

    public static final ConfigOption<String> BOOTSTRAP_SERVERS =
            ConfigOptions.key("bootstrap-servers")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Kafka bootstrap servers, host:port[,host:port]. Required.");

    public static final ConfigOption<String> INPUT_TOPIC =
            ConfigOptions.key("input-topic")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Topic with the JSON records to enrich. Required.");

    public static final ConfigOption<String> OUTPUT_TOPIC =
            ConfigOptions.key("output-topic")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Topic for the enriched records. Unset: <input-topic>.enriched.");

    public static final ConfigOption<String> DEAD_LETTER_TOPIC =
            ConfigOptions.key("dead-letter-topic")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Topic for the records that failed. Unset:"
                                    + " <input-topic>.dead-letters.");

    public static final ConfigOption<String> GROUP_ID =
            ConfigOptions.key("group-id")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Consumer group of the source; offsets are committed to it at every"
                                    + " checkpoint, for monitoring. Unset:"
                                    + " instill-enrichment-<input-topic>.");

    public static final ConfigOption<StartingOffsets> STARTING_OFFSETS =
            ConfigOptions.key("starting-offsets")
                    .enumType(StartingOffsets.class)
                    .defaultValue(StartingOffsets.COMMITTED)
                    .withDescription(
                            "Where the source starts: committed (the group's offsets, else"
                                    + " earliest), earliest or latest.");

    public static final ConfigOption<Boolean> BOUNDED =
            ConfigOptions.key("bounded")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "Stop at the end offsets seen at start-up (a batch run) instead of"
                                    + " running until stopped.");

    public static final ConfigOption<Delivery> DELIVERY =
            ConfigOptions.key("delivery")
                    .enumType(Delivery.class)
                    .defaultValue(Delivery.EXACTLY_ONCE)
                    .withDescription(
                            "exactly-once (Kafka transactions) or at-least-once; applies to both"
                                    + " sinks.");

    public static final ConfigOption<Duration> CHECKPOINT_INTERVAL =
            ConfigOptions.key("checkpoint-interval")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(10))
                    .withDescription(
                            "Checkpoint interval; exactly-once output becomes visible to"
                                    + " read_committed consumers at each checkpoint.");

    public static final ConfigOption<String> TRANSACTIONAL_ID_PREFIX =
            ConfigOptions.key("transactional-id-prefix")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Prefix of the sinks' transactional ids (-out and -dlq are appended);"
                                    + " unique per job on a Kafka cluster. Unset:"
                                    + " instill-enrichment-<input-topic>.");

    public static final ConfigOption<Integer> PARALLELISM =
            ConfigOptions.key("parallelism")
                    .intType()
                    .noDefaultValue()
                    .withDescription("Job parallelism. Unset: the cluster's default.");

    public static final ConfigOption<Boolean> CREATE_TOPICS =
            ConfigOptions.key("create-topics")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription("Create the missing topics before the job starts.");

    public static final ConfigOption<Integer> TOPIC_PARTITIONS =
            ConfigOptions.key("topic-partitions")
                    .intType()
                    .noDefaultValue()
                    .withDescription(
                            "Partitions of the topics the job creates. Unset: the broker's"
                                    + " default.");

    public static final ConfigOption<Integer> TOPIC_REPLICATION_FACTOR =
            ConfigOptions.key("topic-replication-factor")
                    .intType()
                    .noDefaultValue()
                    .withDescription(
                            "Replication factor of the topics the job creates. Unset: the broker's"
                                    + " default.");

    public static final ConfigOption<Map<String, String>> KAFKA =
            ConfigOptions.key("kafka")
                    .mapType()
                    .noDefaultValue()
                    .withDescription(
                            "Kafka client properties for the source, the sinks and the admin"
                                    + " client, each as kafka.<property>, for example"
                                    + " kafka.security.protocol=SASL_SSL.");

    // ---- the records
    // ---------------------------------------------------------------------------------------------

    /**
     * Where each part of the task input sits in the JSON record ({@code image-field}, {@code
     * prompt-field}, …), with the field each one reads by default.
     */
    public static final List<ConfigOption<String>> FIELDS = fieldOptions();

    public static final ConfigOption<String> RESULT_FIELD =
            ConfigOptions.key("result-field")
                    .stringType()
                    .defaultValue("instill")
                    .withDescription("Field of the output record that holds the result.");

    public static final ConfigOption<List<String>> DROP_FIELDS =
            ConfigOptions.key("drop-fields")
                    .stringType()
                    .asList()
                    .noDefaultValue()
                    .withDescription(
                            "Top-level input fields left out of the output record, for example"
                                    + " image (a list: repeat the flag, or separate with ;).");

    /** The connector's {@code failure-policy} with this job's default: DEAD_LETTER. */
    public static final ConfigOption<FailurePolicy> FAILURE_POLICY =
            ConfigOptions.key(InstillOptions.FAILURE_POLICY.key())
                    .enumType(FailurePolicy.class)
                    .defaultValue(FailurePolicy.DEAD_LETTER)
                    .withDescription(
                            "What happens to a record whose inference failed for good: DEAD_LETTER"
                                    + " writes it to the dead-letter topic, SKIP drops it, FAIL"
                                    + " fails the job.");

    /** The job's own options, in the order of the help text. */
    public static List<ConfigOption<?>> jobOptions() {
        List<ConfigOption<?>> options =
                new ArrayList<>(
                        List.of(
                                BOOTSTRAP_SERVERS,
                                INPUT_TOPIC,
                                OUTPUT_TOPIC,
                                DEAD_LETTER_TOPIC,
                                GROUP_ID,
                                STARTING_OFFSETS,
                                BOUNDED,
                                DELIVERY,
                                CHECKPOINT_INTERVAL,
                                TRANSACTIONAL_ID_PREFIX,
                                PARALLELISM,
                                CREATE_TOPICS,
                                TOPIC_PARTITIONS,
                                TOPIC_REPLICATION_FACTOR,
                                KAFKA));
        options.addAll(FIELDS);
        options.addAll(List.of(RESULT_FIELD, DROP_FIELDS));
        return options;
    }

    /**
     * The connector options the job hands to its Instill operator; {@code failure-policy} with the
     * job's default.
     */
    public static List<ConfigOption<?>> connectorOptions() {
        List<ConfigOption<?>> options =
                new ArrayList<>(
                        List.of(
                                InstillOptions.ENDPOINT,
                                InstillOptions.MODEL_NAME,
                                InstillOptions.TASK));
        options.addAll(InstillOptions.sharedOptions());
        options.addAll(
                List.of(
                        InstillOptions.MAX_IN_FLIGHT_RECORDS,
                        InstillOptions.OUTPUT_MODE,
                        FAILURE_POLICY));
        return options;
    }

    /** Every option the job accepts: its own, then the connector's. */
    public static List<ConfigOption<?>> all() {
        List<ConfigOption<?>> options = new ArrayList<>(jobOptions());
        options.addAll(connectorOptions());
        return options;
    }

    private static List<ConfigOption<String>> fieldOptions() {
        List<ConfigOption<String>> options = new ArrayList<>();
        JsonInputMapping.DEFAULT_FIELDS.forEach(
                (key, field) ->
                        options.add(
                                ConfigOptions.key(key)
                                        .stringType()
                                        .defaultValue(field)
                                        .withDescription(
                                                "JSON field, or /json/pointer, of the task input's "
                                                        + key.substring(
                                                                        0,
                                                                        key.length()
                                                                                - "-field".length())
                                                                .replace('-', ' ')
                                                        + ".")));
        return List.copyOf(options);
    }
}
