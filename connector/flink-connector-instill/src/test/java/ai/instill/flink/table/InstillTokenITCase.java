package ai.instill.flink.table;

import static org.apache.flink.table.api.DataTypes.BYTES;
import static org.apache.flink.table.api.DataTypes.FIELD;
import static org.apache.flink.table.api.DataTypes.ROW;
import static org.apache.flink.table.api.DataTypes.STRING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.instill.flink.server.LocalModelServer;
import ai.instill.flink.server.testing.LogWatch;
import ai.instill.flink.server.testing.TestImages;
import ai.instill.flink.table.testutils.SqlSession;
import java.awt.Color;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CollectionUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API token in SQL: given by reference (environment variable or file) it reaches the server,
 * and it appears neither in SHOW CREATE MODEL, nor in any log line, nor in error rows; an inline
 * token is refused.
 */
@DisabledIfSystemProperty(
        named = "flink.ml-predict.skip",
        matches = "true",
        disabledReason = "CREATE MODEL and ML_PREDICT need Flink 2.1 or later")
class InstillTokenITCase {
    /**
     * Also set as environment variable {@value #TOKEN_ENV} by the failsafe configuration of this
     * module.
     */
    private static final String TOKEN = "instill_sk_sqlTokenTest0123456789abcdef";

    private static final String TOKEN_ENV = "INSTILL_SQL_TEST_TOKEN";

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(1)
                            .build());

    private static LocalModelServer server;
    private static LogWatch logs;
    private SqlSession sql;

    @BeforeAll
    static void start() {
        logs = LogWatch.attach(TOKEN);
        server =
                LocalModelServer.builder()
                        .port(0)
                        .withDefaultModels()
                        .apiToken(TOKEN)
                        .build()
                        .start();
    }

    @AfterAll
    static void stop() {
        server.stop();
        logs.detach();
        assertThat(logs.events()).as("log events seen").isPositive();
        assertThat(logs.leaks()).as("log lines that contain the token").isEmpty();
    }

    @BeforeEach
    void session() {
        sql = SqlSession.create(1);
        sql.view(
                "photos",
                sql.tableEnv()
                        .fromValues(
                                ROW(FIELD("colour", STRING()), FIELD("image", BYTES())),
                                Row.of("red", TestImages.solid(Color.RED, 8, 8)),
                                Row.of("blue", TestImages.solid(Color.BLUE, 8, 8))));
    }

    @Test
    void aTokenFileAuthenticatesAndStaysOutOfShowCreateModel(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("token");
        Files.writeString(file, TOKEN + "\n");
        createModel("m", "'auth.token-file' = '" + file + "'");

        assertThat(showCreateModel("m")).contains("auth.token-file").doesNotContain(TOKEN);
        assertThat(categories("m")).containsExactlyInAnyOrder("red", "blue");
    }

    @Test
    void aTokenEnvironmentVariableAuthenticatesAndStaysOutOfShowCreateModel() throws Exception {
        assumeTrue(
                TOKEN.equals(System.getenv(TOKEN_ENV)), "run by failsafe, which sets " + TOKEN_ENV);
        createModel("m", "'auth.token-env' = '" + TOKEN_ENV + "'");

        assertThat(showCreateModel("m")).contains(TOKEN_ENV).doesNotContain(TOKEN);
        assertThat(categories("m")).containsExactlyInAnyOrder("red", "blue");
    }

    @Test
    void anInlineTokenIsRefusedWithAPointerToTheReferences() {
        createModel("m", "'auth.token' = '" + TOKEN + "'");
        // why: Flink stores model options as given and prints them back verbatim
        assertThat(showCreateModel("m")).contains("'auth.token' = '" + TOKEN + "'");

        assertThatThrownBy(() -> categories("m"))
                .rootCause()
                .hasMessageContaining("'auth.token-env'")
                .hasMessageContaining("'auth.token-file'")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN));
    }

    @Test
    void aRejectedTokenIsReportedWithoutBeingShown(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("token");
        Files.writeString(file, TOKEN + "-revoked");
        sql.execute(
                "CREATE MODEL m INPUT (image BYTES) OUTPUT (category STRING, error_code STRING,"
                        + " error_message STRING, error_attempts INT) WITH ("
                        + InstillModelProviderITCase.options(
                                server,
                                "'failure-policy' = 'ERROR_COLUMNS', 'auth.token-file' = '"
                                        + file
                                        + "'")
                        + ")");
        Throwable failure =
                catchThrowable(
                        () ->
                                sql.query(
                                        "SELECT error_code, error_message FROM ML_PREDICT(TABLE"
                                                + " photos, MODEL m, DESCRIPTOR(image))"));

        // a token the server refuses is the system's fault: the query fails at start instead of
        // filling the error columns of every row
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString())
                .contains("Start-up check failed")
                .containsAnyOf("UNAUTHENTICATED", "PERMISSION_DENIED")
                .doesNotContain(TOKEN);
    }

    private void createModel(String name, String auth) {
        sql.execute(
                "CREATE MODEL "
                        + name
                        + " INPUT (image BYTES) OUTPUT (category STRING) WITH ("
                        + InstillModelProviderITCase.options(server, auth)
                        + ")");
    }

    private String showCreateModel(String name) {
        List<Row> rows =
                CollectionUtil.iteratorToList(sql.execute("SHOW CREATE MODEL " + name).collect());
        return rows.get(0).getField(0).toString();
    }

    private List<Object> categories(String model) throws Exception {
        return sql
                .query(
                        "SELECT category FROM ML_PREDICT(TABLE photos, MODEL "
                                + model
                                + ", DESCRIPTOR(image))")
                .stream()
                .map(r -> r.getField(0))
                .toList();
    }
}
