package ai.instill.flink.examples.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import ai.instill.flink.config.InstillOptions;
import ai.instill.flink.engine.InstillSettings;
import ai.instill.flink.examples.cli.OptionTypes;
import ai.instill.flink.table.InstillSqlOptions;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

/**
 * Every option of {@link InstillOptions} is accepted by the Kafka job's parser and by the SQL model
 * provider, or is listed here as refused on purpose with the reason; a new connector option that
 * neither surface takes fails this test.
 */
class OptionsCoverageTest {

    /** Connector options the Kafka job refuses, with the reason. */
    private static final Map<String, String> REFUSED_BY_THE_JOB = Map.of();

    /** Connector options the SQL model provider refuses, with the reason. */
    private static final Map<String, String> REFUSED_BY_SQL =
            Map.of(
                    InstillOptions.AUTH_TOKEN.key(),
                    "model options are stored in the catalog and printed by SHOW CREATE MODEL;"
                            + " SQL takes auth.token-env or auth.token-file",
                    InstillOptions.OUTPUT_MODE.key(),
                    "ML_PREDICT owns it in SQL (its 'output-mode')",
                    InstillOptions.MAX_IN_FLIGHT_RECORDS.key(),
                    "ML_PREDICT owns it in SQL (its 'max-concurrent-operations')");

    /** The job's required options, each with a valid value. */
    private static final Map<String, String> REQUIRED =
            Map.of(
                    "bootstrap-servers", "kafka:9092",
                    "input-topic", "photos",
                    "task", "DETECTION",
                    "model-name", "acme/yolov7/v0.1.0",
                    "endpoint", "instill:8080");

    @Test
    void everyConnectorOptionIsAcceptedByTheKafkaJobOrRefusedOnPurpose() throws Exception {
        List<String> uncovered = new ArrayList<>();
        for (ConfigOption<?> option : connectorOptions()) {
            String key = option.key();
            if (REFUSED_BY_THE_JOB.containsKey(key)) {
                continue;
            }
            Map<String, String> values = new LinkedHashMap<>(REQUIRED);
            if (!values.containsKey(key)) {
                values.put(key, sample(option));
            }
            try {
                KafkaJobSettings settings = KafkaJobSettings.fromMap(values);
                assertThat(settings.instillOptions().toMap()).as(key).containsKey(key);
            } catch (IllegalArgumentException e) {
                uncovered.add(key + " (" + e.getMessage() + ")");
            }
        }
        assertThat(uncovered)
                .as("connector options the Kafka job neither accepts nor lists as refused")
                .isEmpty();
    }

    @Test
    void everyConnectorOptionIsAcceptedBySqlOrRefusedOnPurpose() throws Exception {
        Set<String> accepted =
                java.util.stream.Stream.concat(
                                Set.of(
                                        ai.instill.flink.config.InstillOptions.ENDPOINT,
                                        ai.instill.flink.config.InstillOptions.MODEL_NAME,
                                        ai.instill.flink.config.InstillOptions.TASK)
                                        .stream(),
                                InstillSqlOptions.modelOptions().stream())
                        .map(ConfigOption::key)
                        .collect(Collectors.toSet());
        List<String> uncovered = new ArrayList<>();
        for (ConfigOption<?> option : connectorOptions()) {
            if (!accepted.contains(option.key()) && !REFUSED_BY_SQL.containsKey(option.key())) {
                uncovered.add(option.key());
            }
        }
        assertThat(uncovered)
                .as("connector options the SQL provider neither accepts nor lists as refused")
                .isEmpty();
        // a refused option the factory lists is listed so that the settings can refuse it with
        // its reason; it must then be refused there
        List<String> notRefused = new ArrayList<>();
        for (ConfigOption<?> option : connectorOptions()) {
            if (!REFUSED_BY_SQL.containsKey(option.key()) || !accepted.contains(option.key())) {
                continue;
            }
            Configuration config = Configuration.fromMap(REQUIRED);
            config.setString(option.key(), sample(option));
            try {
                InstillSettings.from(config, InstillSettings.Surface.SQL);
                notRefused.add(option.key());
            } catch (IllegalArgumentException e) {
                assertThat(e).as(option.key()).hasMessageContaining(option.key());
            }
        }
        assertThat(notRefused).as("options listed as refused by SQL but accepted").isEmpty();
    }

    @Test
    void theRefusalListsNameOnlyConnectorOptionsThatAreRefused() throws Exception {
        Set<String> keys =
                connectorOptions().stream().map(ConfigOption::key).collect(Collectors.toSet());
        Set<String> acceptedByTheJob =
                KafkaJobOptions.connectorOptions().stream()
                        .map(ConfigOption::key)
                        .collect(Collectors.toSet());
        List<String> wrong = new ArrayList<>();
        for (String key : REFUSED_BY_THE_JOB.keySet()) {
            if (!keys.contains(key) || acceptedByTheJob.contains(key)) {
                wrong.add(key);
            }
        }
        for (String key : REFUSED_BY_SQL.keySet()) {
            if (!keys.contains(key)) {
                wrong.add(key);
            }
        }
        assertThat(wrong)
                .as("refused options that are no connector option or are accepted")
                .isEmpty();
    }

    /** The static ConfigOption fields of InstillOptions. */
    private static List<ConfigOption<?>> connectorOptions() throws IllegalAccessException {
        List<ConfigOption<?>> options = new ArrayList<>();
        for (Field field : InstillOptions.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers())
                    && ConfigOption.class.isAssignableFrom(field.getType())) {
                options.add((ConfigOption<?>) field.get(null));
            }
        }
        assertThat(options).isNotEmpty();
        return options;
    }

    /** A valid value: the option's default, or a text for a string option. */
    private static String sample(ConfigOption<?> option) {
        if (option.hasDefaultValue()) {
            return OptionTypes.format(option);
        }
        assertThat(OptionTypes.typeOf(option))
                .as("a sample value for %s: add one to this test", option.key())
                .isEqualTo("string");
        return "sample";
    }
}
