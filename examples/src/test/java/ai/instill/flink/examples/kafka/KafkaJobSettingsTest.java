package ai.instill.flink.examples.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.instill.flink.config.FailurePolicy;
import ai.instill.flink.config.InstillOptions;
import ai.instill.flink.examples.kafka.KafkaJobOptions.Delivery;
import ai.instill.flink.examples.kafka.KafkaJobOptions.StartingOffsets;
import ai.instill.flink.task.InstillTask;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaJobSettingsTest {

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
    void flagsGiveTheJobItsSettingsWithDefaultsForTheRest() {
        KafkaJobSettings config = KafkaJobSettings.fromArgs(REQUIRED);

        assertThat(config.task()).isEqualTo(InstillTask.DETECTION);
        assertThat(config.outputTopic()).isEqualTo("photos.enriched");
        assertThat(config.deadLetterTopic()).isEqualTo("photos.dead-letters");
        assertThat(config.groupId()).isEqualTo("instill-enrichment-photos");
        assertThat(config.transactionalIdPrefix()).isEqualTo("instill-enrichment-photos");
        assertThat(config.startingOffsets()).isEqualTo(StartingOffsets.COMMITTED);
        assertThat(config.delivery()).isEqualTo(Delivery.EXACTLY_ONCE);
        assertThat(config.checkpointInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.bounded()).isFalse();
        assertThat(config.createTopics()).isTrue();
        assertThat(config.parallelism()).isNull();
        assertThat(config.resultField()).isEqualTo("instill");
        assertThat(config.dropFields()).isEmpty();
        assertThat(config.fieldMapping())
                .containsEntry("image-field", "image")
                .containsEntry("prompt-field", "prompt");
    }

    @Test
    void theFailurePolicyIsDeadLetterUnlessSet() {
        Configuration instill = KafkaJobSettings.fromArgs(REQUIRED).instillOptions();
        assertThat(instill.get(InstillOptions.FAILURE_POLICY)).isEqualTo(FailurePolicy.DEAD_LETTER);
        assertThat(instill.get(InstillOptions.TASK)).isEqualTo(InstillTask.DETECTION);

        assertThat(
                        KafkaJobSettings.fromArgs(concat(REQUIRED, "--failure-policy", "skip"))
                                .failurePolicy())
                .isEqualTo(FailurePolicy.SKIP);
        assertThatThrownBy(
                        () ->
                                KafkaJobSettings.fromArgs(
                                        concat(REQUIRED, "--failure-policy=ERROR_COLUMNS")))
                .hasMessageContaining("ERROR_COLUMNS is for SQL");
    }

    @Test
    void connectorOptionsAndKafkaPropertiesPassThroughTyped() {
        KafkaJobSettings config =
                KafkaJobSettings.fromArgs(
                        concat(
                                REQUIRED,
                                "--batch.max-size",
                                "32",
                                "--retry.max-attempts=3",
                                "--max-image-size",
                                "4 mb",
                                "--kafka.security.protocol",
                                "SASL_SSL",
                                "--auth.token-env",
                                "INSTILL_API_TOKEN",
                                "--delivery=at-least-once",
                                "--starting-offsets",
                                "LATEST",
                                "--bounded"));

        Configuration instill = config.instillOptions();
        assertThat(instill.get(InstillOptions.BATCH_MAX_SIZE)).isEqualTo(32);
        assertThat(instill.get(InstillOptions.RETRY_MAX_ATTEMPTS)).isEqualTo(3);
        assertThat(instill.get(InstillOptions.MAX_IMAGE_SIZE)).isEqualTo(MemorySize.parse("4 mb"));
        assertThat(instill.get(InstillOptions.AUTH_TOKEN_ENV)).isEqualTo("INSTILL_API_TOKEN");
        assertThat(instill.toMap()).doesNotContainKey("kafka.security.protocol");
        assertThat(config.kafkaProperties())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("bootstrap.servers", "kafka:9092");
        assertThat(config.delivery()).isEqualTo(Delivery.AT_LEAST_ONCE);
        assertThat(config.startingOffsets()).isEqualTo(StartingOffsets.LATEST);
        assertThat(config.bounded()).isTrue();
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
                        "task=TEXT_GENERATION",
                        "model-name=acme/llama/v1",
                        "endpoint=https://api.instill-ai.com",
                        "prompt-field=/q/text",
                        "max-concurrent-calls=4",
                        "drop-fields=image;thumbnail",
                        "kafka.sasl.mechanism=PLAIN"));

        KafkaJobSettings config =
                KafkaJobSettings.fromArgs(
                        "--properties", file.toString(), "--input-topic", "other");

        assertThat(config.inputTopic()).isEqualTo("other");
        assertThat(config.task()).isEqualTo(InstillTask.TEXT_GENERATION);
        assertThat(config.fieldMapping()).containsEntry("prompt-field", "/q/text");
        assertThat(config.instillOptions().get(InstillOptions.MAX_CONCURRENT_CALLS)).isEqualTo(4);
        assertThat(config.dropFields()).containsExactly("image", "thumbnail");
        assertThat(config.kafkaProperties()).containsEntry("sasl.mechanism", "PLAIN");
    }

    @Test
    void aRepeatedListFlagAddsToTheList() {
        KafkaJobSettings config =
                KafkaJobSettings.fromArgs(
                        concat(REQUIRED, "--drop-fields", "image", "--drop-fields", "raw"));

        assertThat(config.dropFields()).isEqualTo(List.of("image", "raw"));
    }

    @Test
    void unknownKeysAreRefusedWithTheNearestValidOne() {
        assertThatThrownBy(
                        () -> KafkaJobSettings.fromArgs(concat(REQUIRED, "--bach.max-size", "3")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown option '--bach.max-size'; did you mean '--batch.max-size'?");
        // the aliases of the old parser are gone, and point at the one spelling
        assertThatThrownBy(() -> KafkaJobSettings.fromArgs(concat(REQUIRED, "--token-env", "X")))
                .hasMessage("unknown option '--token-env'; did you mean '--auth.token-env'?");
        assertThatThrownBy(
                        () ->
                                KafkaJobSettings.fromArgs(
                                        concat(REQUIRED, "--option", "batch.max-size=3")))
                .hasMessageStartingWith("unknown option '--option'");
    }

    @Test
    void unknownKeysOfAPropertiesFileNameTheFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("job.properties"), "delivry=at-least-once\n");

        assertThatThrownBy(
                        () ->
                                KafkaJobSettings.fromArgs(
                                        concat(REQUIRED, "--properties", file.toString())))
                .hasMessage("unknown option 'delivry' in " + file + "; did you mean 'delivery'?");
    }

    @Test
    void valuesOfTheWrongTypeAreRefusedWithWhatTheOptionTakes() {
        assertThatThrownBy(() -> KafkaJobSettings.fromArgs(concat(REQUIRED, "--delivery", "twice")))
                .hasMessage(
                        "option '--delivery' takes one of [exactly-once, at-least-once], got"
                                + " 'twice'");
        assertThatThrownBy(
                        () -> KafkaJobSettings.fromArgs(concat(REQUIRED, "--parallelism", "four")))
                .hasMessage("option '--parallelism' takes an integer, got 'four'");
        assertThatThrownBy(
                        () ->
                                KafkaJobSettings.fromArgs(
                                        concat(REQUIRED, "--checkpoint-interval", "soon")))
                .hasMessageStartingWith("option '--checkpoint-interval' takes a duration");
        assertThatThrownBy(() -> KafkaJobSettings.fromArgs(concat(REQUIRED, "--bounded", "maybe")))
                .hasMessage("option '--bounded' takes true or false, got 'maybe'");
        assertThatThrownBy(
                        () ->
                                KafkaJobSettings.fromArgs(
                                        concat(REQUIRED, "--max-image-size", "huge")))
                .hasMessageStartingWith("option '--max-image-size' takes a size");
        String[] poetry = REQUIRED.clone();
        poetry[List.of(REQUIRED).indexOf("--task") + 1] = "poetry";
        assertThatThrownBy(() -> KafkaJobSettings.fromArgs(poetry))
                .hasMessageStartingWith("option '--task' takes one of [CLASSIFICATION, DETECTION");
        assertThatThrownBy(() -> KafkaJobSettings.fromArgs(concat(REQUIRED, "--parallelism")))
                .hasMessage("option '--parallelism' needs a value");
        assertThatThrownBy(() -> KafkaJobSettings.fromArgs(concat(REQUIRED, "--parallelism", "0")))
                .hasMessage("option '--parallelism' must be at least 1");
        assertThatThrownBy(
                        () ->
                                KafkaJobSettings.fromArgs(
                                        concat(
                                                REQUIRED,
                                                "--parallelism",
                                                "2",
                                                "--parallelism",
                                                "3")))
                .hasMessage("option '--parallelism' is given 2 times; it takes one value");
    }

    @Test
    void missingSettingsAreNamed() {
        assertThatThrownBy(() -> KafkaJobSettings.fromArgs("--input-topic", "x"))
                .hasMessageStartingWith("missing option '--bootstrap-servers'");
        assertThatThrownBy(() -> KafkaJobSettings.fromArgs("photos"))
                .hasMessage("unexpected argument 'photos'; options look like --key value");
    }

    @Test
    void theSettingsInEffectArePrintedWithoutTheToken() {
        KafkaJobSettings config =
                KafkaJobSettings.fromArgs(
                        concat(
                                REQUIRED,
                                "--auth.token",
                                "instill_sk_secret",
                                "--kafka.sasl.jaas.config",
                                "PlainLoginModule required password=\"kafka-secret\";",
                                "--kafka.security.protocol",
                                "SASL_SSL",
                                "--batch.max-size",
                                "32"));

        String printed = config.describe();

        assertThat(printed)
                .doesNotContain("instill_sk_secret")
                .doesNotContain("kafka-secret")
                .contains("auth.token                   ******")
                .contains("kafka.sasl.jaas.config       ******")
                .contains("kafka.security.protocol      SASL_SSL")
                .contains("batch.max-size               32\n")
                .contains("output-topic                 photos.enriched  (default)")
                .contains("failure-policy               DEAD_LETTER  (default)")
                .contains("checkpoint-interval          10 s  (default)")
                .contains("delivery                     exactly-once  (default)");
        assertThat(config.toString()).doesNotContain("instill_sk_secret", "kafka-secret");
    }

    @Test
    void whereTheTokenIsAndTheFieldNamesArePrinted() {
        String printed =
                KafkaJobSettings.fromArgs(
                                concat(REQUIRED, "--auth.token-file", "/run/secrets/instill"))
                        .describe();

        assertThat(printed)
                .contains("auth.token-file              /run/secrets/instill")
                .contains("max-new-tokens-field         max_new_tokens  (default)");
    }

    @Test
    void theHelpListsEveryOptionWithItsTypeAndDefault() {
        String usage = KafkaJobSettings.usage();

        for (var option : KafkaJobOptions.all()) {
            assertThat(usage).contains("--" + option.key());
        }
        assertThat(usage)
                .contains("--checkpoint-interval          duration, default 10 s")
                .contains("--kafka.<property>             map")
                .contains("--drop-fields                  list<string>")
                .contains("--properties FILE");
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
