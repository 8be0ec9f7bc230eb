package ai.instill.flink.examples.kafka.testutils;

import ai.instill.flink.examples.kafka.EmbeddedKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * A real Kafka broker for a test class: Testcontainers' Kafka module when a Docker engine answers,
 * Kafka's in-process KRaft broker otherwise (or always, with {@code -Dkafka.embedded=true}).
 */
public interface KafkaBroker extends AutoCloseable {

    /** The image of the container broker; the same Kafka version as the clients. */
    String IMAGE = System.getProperty("kafka.image", "apache/kafka-native:4.2.0");

    String bootstrapServers();

    /** Which kind of broker this is, for test output. */
    String description();

    static KafkaBroker start() throws Exception {
        if (!Boolean.getBoolean("kafka.embedded")
                && DockerClientFactory.instance().isDockerAvailable()) {
            return container();
        }
        Path dir = Files.createTempDirectory("kafka-it-");
        EmbeddedKafka kafka = EmbeddedKafka.start(dir);
        return new KafkaBroker() {
            @Override
            public String bootstrapServers() {
                return kafka.bootstrapServers();
            }

            @Override
            public String description() {
                return "embedded KRaft broker";
            }

            @Override
            public void close() throws Exception {
                kafka.close();
            }
        };
    }

    static KafkaBroker container() {
        KafkaContainer container = new KafkaContainer(IMAGE);
        container.start();
        return new KafkaBroker() {
            @Override
            public String bootstrapServers() {
                return container.getBootstrapServers();
            }

            @Override
            public String description() {
                return "Testcontainers " + IMAGE;
            }

            @Override
            public void close() {
                container.stop();
            }
        };
    }
}
