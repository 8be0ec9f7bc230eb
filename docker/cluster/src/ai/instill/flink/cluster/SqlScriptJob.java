package ai.instill.flink.cluster;

import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a SQL script with a {@link TableEnvironment}, statement by statement (SET included), as a job submitted with
 * {@code flink run}: how run-e2e.sh submits the examples/sql scripts on Flink versions whose SQL client cannot be
 * assembled from Maven Central (before 2.3.0). The Instill SQL jar is in the cluster's lib/, the Kafka connector
 * comes with {@code flink run -C}.
 *
 * <p>Statements end with ';' at the end of a line; an {@code EXECUTE STATEMENT SET … END;} block is one statement.
 */
public final class SqlScriptJob {

    private static final Pattern SET = Pattern.compile("(?s)SET\\s+'([^']+)'\\s*=\\s*'([^']*)'");

    private SqlScriptJob() {}

    public static void main(String[] args) throws Exception {
        List<String> statements = split(Files.readString(Path.of(args[0]), StandardCharsets.UTF_8));
        TableEnvironment tableEnv = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        for (String statement : statements) {
            String firstLine = statement.lines().findFirst().orElse("");
            System.out.println("[sql] " + firstLine + (statement.contains("\n") ? " …" : ""));
            Matcher set = SET.matcher(statement);
            if (set.matches()) { // what the SQL client does with SET (Flink 1.20's TableEnvironment refuses it)
                tableEnv.getConfig().set(set.group(1), set.group(2));
                continue;
            }
            TableResult result = tableEnv.executeSql(statement);
            result.getJobClient().ifPresent(job -> System.out.println("[sql] submitted job " + job.getJobID()));
        }
    }

    static List<String> split(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inStatementSet = false;
        for (String line : script.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || (trimmed.isEmpty() && current.length() == 0)) {
                continue;
            }
            if (current.length() == 0 && trimmed.toUpperCase().startsWith("EXECUTE STATEMENT SET")) {
                inStatementSet = true;
            }
            current.append(line).append('\n');
            boolean ends = inStatementSet ? trimmed.equalsIgnoreCase("END;") : trimmed.endsWith(";");
            if (ends) {
                String statement = current.toString().strip();
                statements.add(statement.substring(0, statement.length() - 1));
                current.setLength(0);
                inStatementSet = false;
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }
}
