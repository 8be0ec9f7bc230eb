package ai.instill.flink.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import ai.instill.flink.config.InstillOptions;
import ai.instill.flink.examples.cli.OptionTypes;
import ai.instill.flink.table.InstillSqlOptions;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.junit.jupiter.api.Test;

/**
 * Keeps the type and default columns of docs/configuration.md equal to the connector's options (the
 * connector's own ConfigurationDocsTest checks that every key has a row, and no other).
 */
class ConfigurationDocsTypesTest {
    private static final Path CONFIGURATION_DOCS = Path.of("..", "docs", "configuration.md");

    @Test
    void everyRowHasTheTypeAndDefaultOfItsOption() throws Exception {
        Map<String, List<String>> rows = rows();
        List<String> wrong = new ArrayList<>();
        for (ConfigOption<?> option : options()) {
            List<String> row = rows.get(option.key());
            assertThat(row).as("row of %s", option.key()).isNotNull();
            String type = OptionTypes.typeOf(option);
            if (!row.get(1).replace("`", "").equals(type)) {
                wrong.add(option.key() + ": type " + row.get(1) + ", expected " + type);
            }
            String defaultValue = OptionTypes.format(option);
            if (!defaultValue.isEmpty() && !row.get(2).equals("`" + defaultValue + "`")) {
                wrong.add(option.key() + ": default " + row.get(2) + ", expected " + defaultValue);
            }
        }
        assertThat(wrong).as("rows of docs/configuration.md").isEmpty();
    }

    private static List<ConfigOption<?>> options() throws IllegalAccessException {
        List<ConfigOption<?>> options = new ArrayList<>();
        for (Class<?> holder : List.of(InstillOptions.class, InstillSqlOptions.class)) {
            for (Field field : holder.getFields()) {
                if (Modifier.isStatic(field.getModifiers())
                        && ConfigOption.class.isAssignableFrom(field.getType())) {
                    options.add((ConfigOption<?>) field.get(null));
                }
            }
        }
        return options;
    }

    /** Every table row of the page (key → cells). */
    private static Map<String, List<String>> rows() throws Exception {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(CONFIGURATION_DOCS)) {
            if (line.startsWith("| `")) {
                List<String> cells = List.of(line.substring(2, line.length() - 2).split(" \\| "));
                rows.put(cells.get(0).replace("`", ""), cells);
            }
        }
        return rows;
    }
}
