package ai.instill.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the layers of docs/development.md: a package imports only from the packages below it, so
 * the transport never reaches into the engine and the engine never into a surface.
 */
class LayersTest {
    /** The sources of every Flink line: the shared tree and the one for 2.1 and later. */
    private static final List<Path> SOURCES =
            List.of(
                    Path.of("src", "main", "java", "ai", "instill", "flink"),
                    Path.of("src", "main", "flink-2.1+", "java", "ai", "instill", "flink"));

    private static final Pattern IMPORT =
            Pattern.compile(
                    "^import (?:static )?ai\\.instill\\.flink\\.([a-z]+)\\.", Pattern.MULTILINE);

    /** Each package and the packages it may import from; "" is the root package. */
    private static final Map<String, Set<String>> MAY_USE =
            Map.of(
                    "error", Set.of(),
                    "task", Set.of("error"),
                    "config", Set.of("error", "task"),
                    "client", Set.of("error", "task", "config", "proto"),
                    "engine", Set.of("error", "task", "config", "client"),
                    "metrics", Set.of("error", "task", "config", "engine"),
                    "table", Set.of("error", "task", "config", "client", "engine", "metrics"),
                    "", Set.of("error", "task", "config", "client", "engine", "metrics"));

    @Test
    void everyPackageImportsOnlyFromTheLayersBelowIt() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path sources : SOURCES) {
            violations.addAll(violations(sources));
        }
        assertThat(violations).as("imports against the layers").isEmpty();
    }

    private static List<String> violations(Path sources) throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path relative = sources.relativize(file.getParent());
                String layer = relative.getNameCount() == 0 ? "" : relative.getName(0).toString();
                assertThat(MAY_USE).as("layer of %s", file).containsKey(layer);
                Matcher imports = IMPORT.matcher(Files.readString(file));
                while (imports.find()) {
                    String used = imports.group(1);
                    if (!used.equals(layer) && !MAY_USE.get(layer).contains(used)) {
                        violations.add(sources.relativize(file) + " imports " + used);
                    }
                }
            }
        }
        return violations;
    }
}
