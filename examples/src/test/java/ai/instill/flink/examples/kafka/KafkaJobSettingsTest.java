package ai.instill.flink.examples.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.instill.flink.task.InstillTask;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaEnrichmentConfigTest {

    private static final String[] REQUIRED = {
        "--bootstrap-servers",
        "kafka:9092",
        "--input-topic",
        "photos",
        "--task",
        "detection",
        "--model-name",
        "acme/yolov7/v0.1.0",
        "--endpoint",
        "instill:8080"
    };

    @Test
    void flagsGiveTheJobItsSettingsWithDefaultsForTheRest() throws Exception {
        KafkaEnrichmentConfig config = KafkaEnrichmentConfig.fromArgs(REQUIRED);
        assertThat(config.task()).isEqualTo(InstillTask.DETECTION);
        assertThat(config.outputTopic()).isEqualTo("photos.enriched");
        assertThat(config.deadLetterTopic()).isEqualTo("photos.dead-letters");
        assertThat(config.delivery()).isEqualTo(KafkaEnrichmentConfig.Delivery.EXACTLY_ONCE);
        assertThat(config.checkpointInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.instillOptions())
                .containsEntry("failure-policy", "DEAD_LETTER")
                .containsEntry("task", "DETECTION");
    }

    @Test
    void instillOptionsAndKafkaPropertiesPassThrough() throws Exception {
        String[] args =
                concat(
                        REQUIRED,
                        "--batch.max-size",
                        "32",
                        "--option",
                        "retry.max-attempts=3",
                        "--kafka.security.protocol",
                        "SASL_SSL",
                        "--token-env",
                        "INSTILL_API_TOKEN",
                        "--delivery=at-least-once");
        KafkaEnrichmentConfig config = KafkaEnrichmentConfig.fromArgs(args);
        assertThat(config.instillOptions())
                .containsEntry("batch.max-size", "32")
                .containsEntry("retry.max-attempts", "3")
                .containsEntry("auth.token-env", "INSTILL_API_TOKEN");
        assertThat(config.kafkaProperties())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("bootstrap.servers", "kafka:9092");
        assertThat(config.delivery()).isEqualTo(KafkaEnrichmentConfig.Delivery.AT_LEAST_ONCE);
    }

    @Test
    void aPropertiesFileTakesTheSameKeysAndFlagsWin(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("job.properties");
        Files.writeString(
                file,
                String.join(
                        "\n",
                        "bootstrap-servers=kafka:9092",
                        "input-topic=prompts",
                        "task=text-generation",
                        "model-name=acme/llama/v1",
                        "endpoint=https://api.instill-ai.com",
                        "prompt-field=/q/text",
                        "max-concurrent-calls=4"));
        KafkaEnrichmentConfig config =
                KafkaEnrichmentConfig.fromArgs(
                        new String[] {"--properties", file.toString(), "--input-topic", "other"});
        assertThat(config.inputTopic()).isEqualTo("other");
        assertThat(config.fieldMapping()).containsEntry("prompt-field", "/q/text");
        assertThat(config.instillOptions()).containsEntry("max-concurrent-calls", "4");
    }

    @Test
    void unknownOrMissingSettingsAreRejectedWithTheListOfKeys() {
        assertThatThrownBy(
                        () ->
                                KafkaEnrichmentConfig.fromArgs(
                                        concat(REQUIRED, "--bach.max-size", "3")))
                .hasMessageContaining("Unknown setting(s) [bach.max-size]")
                .hasMessageContaining("batch.max-size");
        assertThatThrownBy(
                        () -> KafkaEnrichmentConfig.fromArgs(new String[] {"--input-topic", "x"}))
                .hasMessageContaining("Missing setting 'bootstrap-servers'");
        assertThatThrownBy(
                        () ->
                                KafkaEnrichmentConfig.fromArgs(
                                        concat(REQUIRED, "--delivery", "twice")))
                .hasMessageContaining("exactly-once");
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
