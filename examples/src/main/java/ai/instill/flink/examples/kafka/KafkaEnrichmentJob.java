package ai.instill.flink.examples.kafka;

import ai.instill.flink.DeadLetter;
import ai.instill.flink.InstillInference;
import ai.instill.flink.examples.JobFailure;
import ai.instill.flink.examples.kafka.KafkaJobOptions.Delivery;
import ai.instill.flink.task.InstillTask;
import ai.instill.flink.task.TaskResult;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka-to-Kafka enrichment job: reads JSON records from a topic (read_committed), calls an
 * Instill model for each one, writes the record with its typed result to the output topic and every
 * failure (malformed record, model error, timeout) to the dead-letter topic, exactly once by
 * default.
 *
 * <pre>
 * flink run -c ai.instill.flink.examples.kafka.KafkaEnrichmentJob instill-flink-examples-*-job.jar \
 *     --bootstrap-servers kafka:9092 --input-topic photos --task detection \
 *     --model-name acme/yolov7/v0.1.0 --endpoint http://instill:8080 \
 *     --auth.token-env INSTILL_API_TOKEN
 * </pre>
 *
 * <p>Model calls are at-least-once: after a failover, the records since the last checkpoint are
 * sent to the model again; the output topic still gets each result once (exactly-once delivery).
 */
public final class KafkaEnrichmentJob {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaEnrichmentJob.class);

    /**
     * The sink's transaction timeout unless {@code kafka.transaction.timeout.ms} says otherwise.
     */
    static final java.time.Duration DEFAULT_TRANSACTION_TIMEOUT = java.time.Duration.ofMinutes(15);

    private KafkaEnrichmentJob() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || List.of(args).contains("--help")) {
            System.out.println(
                    "Usage: KafkaEnrichmentJob --bootstrap-servers host:port --input-topic T --task"
                            + " TASK --model-name ns/model/version --endpoint host:port [options]");
            System.out.println(
                    "Options (flags --key value or --key=value, or keys of a --properties file;"
                            + " docs/kafka.md):");
            System.out.print(KafkaJobSettings.usage());
            return;
        }
        KafkaJobSettings config;
        try {
            config = KafkaJobSettings.fromArgs(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println("Run with --help to list the options.");
            System.exit(2);
            return;
        }
        System.out.println(config.describe());
        if (config.createTopics()) {
            createTopics(config);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        configure(env, config);
        addTo(env, config);
        try {
            env.execute(
                    "Instill "
                            + config.task().componentId()
                            + ": "
                            + config.inputTopic()
                            + " -> "
                            + config.outputTopic());
        } catch (Exception e) {
            LOG.error("The job failed", e);
            System.err.println("error: " + JobFailure.oneLine(e));
            System.exit(1);
        }
    }

    /**
     * Checkpointing (needed by the exactly-once sink, and to commit the source's offsets) and
     * parallelism.
     */
    public static void configure(StreamExecutionEnvironment env, KafkaJobSettings config) {
        env.enableCheckpointing(
                config.checkpointInterval().toMillis(),
                config.delivery() == Delivery.EXACTLY_ONCE
                        ? CheckpointingMode.EXACTLY_ONCE
                        : CheckpointingMode.AT_LEAST_ONCE);
        if (config.parallelism() != null) {
            env.setParallelism(config.parallelism());
        }
    }

    /**
     * Adds the pipeline (source, Instill operator, output sink, dead-letter sink) to the
     * environment.
     */
    public static void addTo(StreamExecutionEnvironment env, KafkaJobSettings config) {
        addTo(env, config, UnaryOperator.identity());
    }

    /**
     * Adds the pipeline with a hook on the enriched records before they reach the sink (the tests
     * use it to inject a failure).
     */
    public static void addTo(
            StreamExecutionEnvironment env,
            KafkaJobSettings config,
            UnaryOperator<DataStream<OutgoingRecord>> beforeSink) {
        String name = config.inputTopic();
        DataStream<KafkaRecord> records =
                env.fromSource(source(config), WatermarkStrategy.noWatermarks(), "Kafka " + name)
                        .uid("kafka-source-" + name);

        InstillTask task = config.task();
        InstillInference<KafkaRecord, OutgoingRecord> inference =
                InstillInference.<KafkaRecord>builder()
                        .endpoint(config.endpoint())
                        .modelName(config.modelName())
                        .task(task)
                        .input(new JsonInputMapping(task, config.fieldMapping()))
                        .options(config.instillOptions().toMap())
                        .combine(
                                new OutputWriter(
                                        task.componentId(),
                                        config.modelName(),
                                        config.resultField(),
                                        config.dropFields()),
                                TypeInformation.of(OutgoingRecord.class))
                        .build();
        // the input topic in the operators' uids: one job can run several pipelines of the same
        // task
        SingleOutputStreamOperator<OutgoingRecord> enriched = inference.applyTo(records, name);
        DataStream<OutgoingRecord> deadLetters =
                enriched.getSideOutput(inference.deadLetters())
                        .map(DeadLetterJson::write, TypeInformation.of(OutgoingRecord.class))
                        .name("Dead letters as JSON")
                        .uid("dead-letter-json-" + name);

        beforeSink
                .apply(enriched)
                .sinkTo(sink(config, config.outputTopic(), "-out"))
                .name("Kafka " + config.outputTopic())
                .uid("kafka-sink-" + config.outputTopic());
        deadLetters
                .sinkTo(sink(config, config.deadLetterTopic(), "-dlq"))
                .name("Kafka " + config.deadLetterTopic())
                .uid("kafka-sink-" + config.deadLetterTopic());
    }

    static KafkaSource<KafkaRecord> source(KafkaJobSettings config) {
        KafkaSourceBuilder<KafkaRecord> builder =
                KafkaSource.<KafkaRecord>builder()
                        .setProperties(config.kafkaProperties())
                        .setBootstrapServers(config.bootstrapServers())
                        .setTopics(config.inputTopic())
                        .setGroupId(config.groupId())
                        .setProperty("isolation.level", "read_committed")
                        .setProperty("commit.offsets.on.checkpoint", "true")
                        .setDeserializer(new RecordReader());
        builder.setStartingOffsets(
                switch (config.startingOffsets()) {
                    case COMMITTED ->
                            OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
                    case EARLIEST -> OffsetsInitializer.earliest();
                    case LATEST -> OffsetsInitializer.latest();
                });
        if (config.bounded()) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }

    static KafkaSink<OutgoingRecord> sink(KafkaJobSettings config, String topic, String idSuffix) {
        Properties properties = config.kafkaProperties();
        // Flink's default of one hour is above the broker's default transaction.max.timeout.ms of
        // 15 minutes
        properties.putIfAbsent(
                "transaction.timeout.ms", String.valueOf(DEFAULT_TRANSACTION_TIMEOUT.toMillis()));
        return KafkaSink.<OutgoingRecord>builder()
                .setKafkaProducerConfig(properties)
                .setBootstrapServers(config.bootstrapServers())
                .setRecordSerializer(new RecordWriter(topic))
                .setDeliveryGuarantee(
                        config.delivery() == Delivery.EXACTLY_ONCE
                                ? DeliveryGuarantee.EXACTLY_ONCE
                                : DeliveryGuarantee.AT_LEAST_ONCE)
                .setTransactionalIdPrefix(config.transactionalIdPrefix() + idSuffix)
                .build();
    }

    /**
     * Creates the input, output and dead-letter topics that do not exist yet (the source fails on a
     * missing topic).
     */
    public static void createTopics(KafkaJobSettings config)
            throws InterruptedException, ExecutionException {
        Set<String> topics =
                new LinkedHashSet<>(
                        List.of(
                                config.inputTopic(),
                                config.outputTopic(),
                                config.deadLetterTopic()));
        try (Admin admin = Admin.create(config.kafkaProperties())) {
            topics.removeAll(admin.listTopics().names().get());
            List<NewTopic> missing = new ArrayList<>();
            for (String topic : topics) {
                missing.add(
                        new NewTopic(
                                topic,
                                Optional.ofNullable(config.topicPartitions()),
                                Optional.ofNullable(config.topicReplicationFactor())));
            }
            try {
                admin.createTopics(missing).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            TopicClient.awaitLeaders(admin, topics);
        }
    }

    /** Keeps each Kafka record's key, value bytes and position. */
    static final class RecordReader implements KafkaRecordDeserializationSchema<KafkaRecord> {
        private static final long serialVersionUID = 1L;

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<KafkaRecord> out) {
            // the bytes as they are: the input mapping decodes them, and refuses what is not UTF-8
            out.collect(
                    new KafkaRecord(
                            record.key(),
                            record.value(),
                            record.topic(),
                            record.partition(),
                            record.offset()));
        }

        @Override
        public TypeInformation<KafkaRecord> getProducedType() {
            return TypeInformation.of(KafkaRecord.class);
        }
    }

    /** Writes a record to one topic with its key. */
    static final class RecordWriter implements KafkaRecordSerializationSchema<OutgoingRecord> {
        private static final long serialVersionUID = 1L;

        private final String topic;

        RecordWriter(String topic) {
            this.topic = topic;
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(
                OutgoingRecord record, KafkaSinkContext context, Long timestamp) {
            return new ProducerRecord<>(
                    topic, record.key(), record.value().getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * The output record: the input JSON object (minus the dropped fields) plus one field with the
     * task, the model, the latency from the record entering the operator to its result, and the
     * result.
     */
    static final class OutputWriter
            implements ai.instill.flink.ResultCombiner<KafkaRecord, OutgoingRecord> {
        private static final long serialVersionUID = 1L;

        private final String task;
        private final String model;
        private final String resultField;
        private final List<String> dropFields;

        OutputWriter(String task, String model, String resultField, List<String> dropFields) {
            this.task = task;
            this.model = model;
            this.resultField = resultField;
            this.dropFields = List.copyOf(dropFields);
        }

        @Override
        public OutgoingRecord combine(KafkaRecord record, TaskResult result)
                throws JsonProcessingException {
            double latencyMillis =
                    record.enteredAtNanos() == 0
                            ? 0
                            : Math.round((System.nanoTime() - record.enteredAtNanos()) / 100_000.0)
                                    / 10.0;
            JsonNode json =
                    record.json() != null ? record.json() : JsonInputMapping.parse(record.value());
            ObjectNode out = ((ObjectNode) json).deepCopy();
            dropFields.forEach(out::remove);
            ObjectNode instill = out.putObject(resultField);
            instill.put("task", task).put("model", model).put("latency_ms", latencyMillis);
            instill.set("result", ResultJson.of(result));
            return new OutgoingRecord(
                    record.key(), JsonInputMapping.MAPPER.writeValueAsString(out));
        }
    }

    /**
     * The dead-letter record: the original value (its text, or its bytes in base64 when they are
     * not UTF-8), where it came from, the code, a readable reason and the attempts.
     */
    static final class DeadLetterJson {
        private DeadLetterJson() {}

        static OutgoingRecord write(DeadLetter<KafkaRecord> dead) throws JsonProcessingException {
            KafkaRecord record = dead.input();
            ObjectNode out = JsonInputMapping.MAPPER.createObjectNode();
            if (record.bytes() == null) {
                out.putNull("original");
            } else if (record.isText()) {
                out.put("original", record.value()).put("original_encoding", "utf-8");
            } else {
                out.put("original", Base64.getEncoder().encodeToString(record.bytes()))
                        .put("original_encoding", "base64");
            }
            out.putObject("source")
                    .put("topic", record.topic())
                    .put("partition", record.partition())
                    .put("offset", record.offset());
            out.put("code", dead.code().name())
                    .put("error_class", dead.errorClass().name())
                    .put("reason", dead.message())
                    .put("attempts", dead.attempts())
                    .put("task", dead.task())
                    .put("model", dead.model())
                    .put("failed_at", Instant.ofEpochMilli(dead.failedAtMillis()).toString());
            return new OutgoingRecord(
                    record.key(), JsonInputMapping.MAPPER.writeValueAsString(out));
        }
    }
}
