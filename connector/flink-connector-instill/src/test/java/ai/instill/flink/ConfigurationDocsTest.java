package ai.instill.flink;

import static org.assertj.core.api.Assertions.assertThat;

import ai.instill.flink.config.InstillOptions;
import ai.instill.flink.table.InstillSqlOptions;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/configuration.md honest: every option of the connector has a row in its tables, and no
 * other.
 */
class ConfigurationDocsTest {

    @Test
    void everyOptionIsDocumented() throws Exception {
        String docs = Files.readString(docsFolder().resolve("configuration.md"));
        List<String> missing = new ArrayList<>();
        for (ConfigOption<?> option : options()) {
            if (!docs.contains("| `" + option.key() + "` |")) {
                missing.add(option.key());
            }
        }
        assertThat(missing).as("options missing from docs/configuration.md").isEmpty();
    }

    @Test
    void theDocsNameNoOptionThatDoesNotExist() throws Exception {
        List<String> keys = options().stream().map(ConfigOption::key).toList();
        List<String> documented =
                Files.readAllLines(docsFolder().resolve("configuration.md")).stream()
                        .filter(line -> line.startsWith("| `"))
                        .map(line -> line.substring(3, line.indexOf('`', 3)))
                        .toList();
        assertThat(keys).containsAll(documented);
    }

    static List<ConfigOption<?>> options() throws IllegalAccessException {
        List<ConfigOption<?>> options = new ArrayList<>();
        for (Class<?> holder : List.of(InstillOptions.class, InstillSqlOptions.class)) {
            for (Field field : holder.getFields()) {
                if (Modifier.isStatic(field.getModifiers())
                        && ConfigOption.class.isAssignableFrom(field.getType())) {
                    options.add((ConfigOption<?>) field.get(null));
                }
            }
        }
        assertThat(options).isNotEmpty();
        return options;
    }

    private static Path docsFolder() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("docs"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("a docs/ folder above " + Path.of("").toAbsolutePath()).isNotNull();
        return dir.resolve("docs");
    }
}
