package ai.instill.flink.examples.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import ai.instill.flink.examples.SampleData;
import ai.instill.flink.examples.kafka.testutils.EnrichmentRuns;
import ai.instill.flink.examples.kafka.testutils.KafkaBroker;
import ai.instill.flink.server.DefaultModels;
import ai.instill.flink.server.LocalModelServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The enrichment job against Kafka's official image in a container (a broker in its own process,
 * reached over the container network mapping). Skipped without a Docker engine; {@link
 * KafkaEnrichmentJobITCase} covers the same behaviour on the in-process broker.
 */
@Testcontainers(disabledWithoutDocker = true)
class KafkaEnrichmentJobContainerITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @Container static final KafkaContainer KAFKA = new KafkaContainer(KafkaBroker.IMAGE);

    @Test
    void everyRecordComesOutOnceFromABrokerInAContainer() throws Exception {
        try (LocalModelServer server =
                LocalModelServer.builder().port(0).withDefaultModels().build().start()) {
            Map<String, String> settings =
                    EnrichmentRuns.settings(
                            KAFKA.getBootstrapServers(),
                            "container-detect",
                            "detection",
                            DefaultModels.DETECTOR,
                            server.target());
            KafkaJobSettings config = KafkaJobSettings.fromMap(settings);
            List<Map.Entry<String, String>> input = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                input.add(
                        Map.entry(
                                "k" + i,
                                EnrichmentRuns.object(
                                        "id",
                                        "k" + i,
                                        "image",
                                        java.util.Base64.getEncoder()
                                                .encodeToString(SampleData.shapesAndText(i)))));
            }
            input.add(Map.entry("bad", "not json"));

            EnrichmentRuns.run(config, input, 0, UnaryOperator.identity());

            List<ConsumerRecord<String, String>> out =
                    EnrichmentRuns.committed(KAFKA.getBootstrapServers(), config.outputTopic());
            assertThat(out.stream().map(ConsumerRecord::key).toList())
                    .hasSize(50)
                    .doesNotHaveDuplicates();
            assertThat(
                            EnrichmentRuns.committed(
                                    KAFKA.getBootstrapServers(), config.deadLetterTopic()))
                    .singleElement()
                    .satisfies(r -> assertThat(r.key()).isEqualTo("bad"));
        }
    }
}
