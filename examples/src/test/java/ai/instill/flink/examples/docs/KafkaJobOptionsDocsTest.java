package ai.instill.flink.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import ai.instill.flink.examples.cli.OptionTypes;
import ai.instill.flink.examples.kafka.KafkaJobOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigurationUtils;
import org.junit.jupiter.api.Test;

/**
 * Keeps the settings tables of docs/kafka.md honest: every option of the Kafka job has a row with
 * its type and default, and every row names an option the job takes.
 */
class KafkaJobOptionsDocsTest {
    private static final Path KAFKA_DOCS = Path.of("..", "docs", "kafka.md");

    @Test
    void everyOptionOfTheJobHasARowWithItsTypeAndDefault() throws IOException {
        Map<String, List<String>> rows = settingsRows();
        List<ConfigOption<?>> documented = new ArrayList<>(KafkaJobOptions.jobOptions());
        documented.add(KafkaJobOptions.FAILURE_POLICY);
        List<String> missing = new ArrayList<>();
        for (ConfigOption<?> option : documented) {
            if (!rows.containsKey(documentedKey(option))) {
                missing.add(documentedKey(option));
            }
        }
        assertThat(missing).as("options of the job missing from docs/kafka.md#settings").isEmpty();
    }

    @Test
    void everyRowHasTheTypeAndDefaultOfItsOption() throws IOException {
        Map<String, List<String>> rows = settingsRows();
        for (ConfigOption<?> option : KafkaJobOptions.all()) {
            List<String> row = rows.get(documentedKey(option));
            if (row == null) {
                continue;
            }
            assertThat(row.get(1).replace("`", ""))
                    .as("type of %s", option.key())
                    .isEqualTo(OptionTypes.typeOf(option));
            String defaultValue = OptionTypes.format(option);
            if (!defaultValue.isEmpty()) {
                assertThat(row.get(2))
                        .as("default of %s", option.key())
                        .isEqualTo("`" + defaultValue + "`");
            }
        }
    }

    @Test
    void everyRowNamesAnOptionOfTheJob() throws IOException {
        List<String> keys = KafkaJobOptions.all().stream().map(this::documentedKey).toList();
        assertThat(keys).containsAll(settingsRows().keySet());
    }

    private String documentedKey(ConfigOption<?> option) {
        return ConfigurationUtils.canBePrefixMap(option)
                ? option.key() + ".<property>"
                : option.key();
    }

    /** The rows (key → cells) of the tables under "## Settings". */
    private static Map<String, List<String>> settingsRows() throws IOException {
        List<String> lines = Files.readAllLines(KAFKA_DOCS);
        int start = lines.indexOf("## Settings");
        assertThat(start).as("a ## Settings section in docs/kafka.md").isNotNegative();
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            if (line.startsWith("| `")) {
                List<String> cells = List.of(line.substring(2, line.length() - 2).split(" \\| "));
                rows.put(cells.get(0).replace("`", ""), cells);
            }
        }
        assertThat(rows).isNotEmpty();
        return rows;
    }
}
