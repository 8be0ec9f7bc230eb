package ai.instill.flink.cluster;

import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a SQL script with a {@link TableEnvironment}, statement by statement, as a job submitted with
 * {@code flink run}: how run-e2e.sh submits examples/sql/enrich-with-ml-predict.sql on Flink versions whose SQL
 * client cannot be assembled from Maven Central (2.2.x). The Instill SQL jar is in the cluster's lib/, the Kafka SQL
 * connector comes with {@code flink run -C}.
 *
 * <p>Statements end with ';' at the end of a line; an {@code EXECUTE STATEMENT SET … END;} block is one statement.
 */
public final class SqlScriptJob {

    private SqlScriptJob() {}

    public static void main(String[] args) throws Exception {
        List<String> statements = split(Files.readString(Path.of(args[0]), StandardCharsets.UTF_8));
        TableEnvironment tableEnv = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        for (String statement : statements) {
            String firstLine = statement.lines().findFirst().orElse("");
            System.out.println("[sql] " + firstLine + (statement.contains("\n") ? " …" : ""));
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
