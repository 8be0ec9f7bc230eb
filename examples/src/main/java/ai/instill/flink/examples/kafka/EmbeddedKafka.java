package ai.instill.flink.examples.kafka;

import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real Kafka broker inside this JVM: Kafka's own KRaft test kit with one combined
 * broker/controller node, set up for transactions (replication factor 1 for the internal topics).
 * The demo runs on it and so do the tests.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private final KafkaClusterTestKit cluster;

    private EmbeddedKafka(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    /**
     * Formats, starts and waits for a one-node broker whose files live below {@code baseDirectory}.
     */
    public static EmbeddedKafka start(Path baseDirectory) throws Exception {
        TestKitNodes nodes =
                new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .setBaseDirectory(baseDirectory)
                        .build();
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
        brokerSettings().forEach(builder::setConfigProp);
        KafkaClusterTestKit cluster = builder.build();
        try {
            quietly(cluster::format);
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
        return new EmbeddedKafka(cluster);
    }

    /**
     * Runs a step that prints progress lines of its own to standard out, with standard out
     * silenced.
     */
    private static void quietly(Step step) throws Exception {
        java.io.PrintStream out = System.out;
        System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        try {
            step.run();
        } finally {
            System.setOut(out);
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    /** The broker settings that differ from Kafka's defaults: everything fits on one node. */
    static Map<String, Object> brokerSettings() {
        return Map.of(
                "offsets.topic.replication.factor", "1",
                "offsets.topic.num.partitions", "2",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "transaction.state.log.num.partitions", "2",
                "share.coordinator.state.topic.replication.factor", "1",
                "share.coordinator.state.topic.min.isr", "1",
                "group.initial.rebalance.delay.ms", "0",
                "auto.create.topics.enable", "false");
    }

    /** {@code host:port} for clients. */
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
