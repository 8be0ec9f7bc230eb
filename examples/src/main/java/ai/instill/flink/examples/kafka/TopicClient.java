package ai.instill.flink.examples.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plain Kafka clients for what the demo and the tests do around the job: create topics, write the
 * input records, and read a topic to its end (committed records only, or everything written so
 * far).
 */
public final class TopicClient {

    private TopicClient() {}

    /** Creates topics with the given partition count and replication factor 1. */
    public static void createTopics(
            String bootstrapServers, int partitions, Collection<String> topics)
            throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            List<NewTopic> newTopics = new ArrayList<>();
            for (String topic : topics) {
                newTopics.add(new NewTopic(topic, Optional.of(partitions), Optional.empty()));
            }
            admin.createTopics(newTopics).all().get();
            awaitLeaders(admin, topics);
        }
    }

    /**
     * Waits until every partition of the topics has a leader that accepts requests; right after
     * creation a broker may still answer NOT_LEADER_OR_FOLLOWER, which idempotent producers handle
     * badly.
     */
    static void awaitLeaders(Admin admin, Collection<String> topics)
            throws ExecutionException, InterruptedException {
        if (topics.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                // inside the retry: right after creation the broker may not know the topic yet
                admin.listOffsets(latestOffsetsOf(admin, topics)).all().get();
                return;
            } catch (ExecutionException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    /** Every partition of the topics, each to be asked for its latest offset. */
    private static Map<TopicPartition, OffsetSpec> latestOffsetsOf(
            Admin admin, Collection<String> topics)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
        admin.describeTopics(topics)
                .allTopicNames()
                .get()
                .forEach(
                        (topic, description) ->
                                description
                                        .partitions()
                                        .forEach(
                                                p ->
                                                        partitions.put(
                                                                new TopicPartition(
                                                                        topic, p.partition()),
                                                                OffsetSpec.latest())));
        return partitions;
    }

    /** Writes key/value pairs (keys may be null) and waits until all are acknowledged. */
    public static void write(
            String bootstrapServers, String topic, List<Map.Entry<String, String>> records) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("acks", "all");
        props.put("linger.ms", "5");
        props.put("compression.type", "lz4");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (Map.Entry<String, String> record : records) {
                producer.send(new ProducerRecord<>(topic, record.getKey(), record.getValue()));
            }
            producer.flush();
        }
    }

    /**
     * Every record of the topic up to its current end; {@code committedOnly} reads with
     * read_committed.
     */
    public static List<ConsumerRecord<String, String>> readAll(
            String bootstrapServers, String topic, boolean committedOnly) {
        if (committedOnly) {
            awaitSettledTransactions(bootstrapServers, topic, Duration.ofSeconds(10));
        }
        try (Reader reader = new Reader(bootstrapServers, topic, committedOnly)) {
            return reader.pollToEnd();
        }
    }

    /**
     * Waits, at most {@code limit}, until no transaction is open on the topic (its last stable
     * offsets reach its ends): a job's last transaction may be committed just after the job reports
     * its end, and a read before that would stop short of it. A transaction still open after the
     * limit (a job that failed in the middle of one) is left out of the read, as read_committed
     * does.
     */
    static void awaitSettledTransactions(String bootstrapServers, String topic, Duration limit) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            Map<TopicPartition, OffsetSpec> ends = latestOffsetsOf(admin, List.of(topic));
            long deadline = System.nanoTime() + limit.toNanos();
            while (!offsets(admin, ends, IsolationLevel.READ_COMMITTED)
                            .equals(offsets(admin, ends, IsolationLevel.READ_UNCOMMITTED))
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot read the offsets of " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<TopicPartition, Long> offsets(
            Admin admin, Map<TopicPartition, OffsetSpec> ends, IsolationLevel isolation)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        admin.listOffsets(ends, new ListOffsetsOptions(isolation))
                .all()
                .get()
                .forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    /**
     * A consumer over all partitions of one topic, without a consumer group, that reads on from
     * where it stopped.
     */
    public static final class Reader implements AutoCloseable {
        private final KafkaConsumer<String, String> consumer;
        private final List<TopicPartition> partitions = new ArrayList<>();

        public Reader(String bootstrapServers, String topic, boolean committedOnly) {
            Properties props = new Properties();
            props.put("bootstrap.servers", bootstrapServers);
            props.put("isolation.level", committedOnly ? "read_committed" : "read_uncommitted");
            props.put("enable.auto.commit", "false");
            props.put("auto.offset.reset", "earliest");
            props.put("max.partition.fetch.bytes", String.valueOf(8 * 1024 * 1024));
            consumer =
                    new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        /** The records written since the last call, up to the end offsets as of now. */
        public List<ConsumerRecord<String, String>> pollToEnd() {
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!reached(end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "Could not read " + partitions + " to " + end + " within 60 s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }

        private boolean reached(Map<TopicPartition, Long> end) {
            for (TopicPartition partition : partitions) {
                if (consumer.position(partition, Duration.ofSeconds(30)) < end.get(partition)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void close() {
            consumer.close(Duration.ofSeconds(5));
        }
    }
}
