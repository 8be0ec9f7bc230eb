package ai.instill.flink.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * Keeps the code in the docs working: the Java quick starts of the README and docs/datastream.md
 * must appear, line by line, in the compiled {@code DataStreamQuickStart}, and the README's SQL
 * quick start must plan.
 */
class DocsSnippetsTest {
    private static final Path ROOT = Path.of("..");
    private static final Pattern JAVA = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern SQL = Pattern.compile("```sql\\n(.*?)```", Pattern.DOTALL);

    @Test
    void theJavaQuickStartsAreTheCompiledExample() throws IOException {
        List<String> source =
                normalized(
                        Files.readString(
                                ROOT.resolve(
                                        "examples/src/main/java/ai/instill/flink/examples/DataStreamQuickStart.java")));
        for (String doc : List.of("README.md", "docs/datastream.md")) {
            List<String> snippets = blocks(JAVA, Files.readString(ROOT.resolve(doc)));
            assertThat(snippets).as(doc).isNotEmpty();
            for (String snippet : snippets) {
                assertThat(containsInOrder(source, normalized(snippet)))
                        .as(
                                "%s: this snippet is not in DataStreamQuickStart.java:%n%s",
                                doc, snippet)
                        .isTrue();
            }
        }
    }

    @Test
    @DisabledIfSystemProperty(
            named = "flink.ml-predict.skip",
            matches = "true",
            disabledReason = "CREATE MODEL and ML_PREDICT need Flink 2.1 or later")
    void theReadmeSqlQuickStartPlans() throws IOException {
        List<String> snippets = blocks(SQL, Files.readString(ROOT.resolve("README.md")));
        assertThat(snippets).hasSize(1);
        String[] statements = snippets.get(0).split(";\\s*\\n");
        TableEnvironment tables = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        tables.executeSql(
                "CREATE TABLE photos (id STRING, image BYTES) WITH ('connector' = 'datagen')");
        tables.executeSql(statements[0]); // CREATE MODEL
        String query = statements[1].trim().replaceAll(";$", "");
        // planning checks the model's INPUT and OUTPUT against the task, without calling the server
        assertThat(tables.explainSql(query)).contains("ML_PREDICT");
    }

    private static List<String> blocks(Pattern fence, String markdown) {
        List<String> blocks = new ArrayList<>();
        Matcher matcher = fence.matcher(markdown);
        while (matcher.find()) {
            blocks.add(matcher.group(1));
        }
        return blocks;
    }

    /** Lines without comments and indentation, blank ones dropped. */
    private static List<String> normalized(String code) {
        List<String> lines = new ArrayList<>();
        for (String line : code.split("\n")) {
            int comment = line.indexOf("//");
            String kept =
                    (comment >= 0 ? line.substring(0, comment) : line)
                            .trim()
                            .replaceAll("\\s+", " ");
            if (!kept.isEmpty()) {
                lines.add(kept);
            }
        }
        return lines;
    }

    private static boolean containsInOrder(List<String> source, List<String> snippet) {
        int at = 0;
        for (String line : snippet) {
            int found = source.subList(at, source.size()).indexOf(line);
            if (found < 0) {
                return false;
            }
            at += found + 1;
        }
        return true;
    }
}
