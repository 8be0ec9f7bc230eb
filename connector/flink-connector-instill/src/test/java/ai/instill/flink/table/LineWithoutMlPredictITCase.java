package ai.instill.flink.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.instill.flink.table.testutils.SqlSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.runtime.util.EnvironmentInformation;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * On a Flink line without CREATE MODEL and ML_PREDICT (1.20, 2.0): each SQL surface the line lacks
 * fails with a message, never a linkage error, whichever build of the SQL jar a user brings.
 */
@EnabledIfSystemProperty(named = "flink.ml-predict.skip", matches = "true")
class LineWithoutMlPredictITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(1)
                            .build());

    private static final String CREATE_MODEL =
            "CREATE MODEL answers INPUT (prompt STRING) OUTPUT (answer STRING) WITH ("
                    + " 'provider' = 'instill', 'endpoint' = '127.0.0.1:1',"
                    + " 'model-name' = 'local/stand-in-completion/v1', 'task' = 'TEXT_GENERATION')";

    @Test
    void createModelIsRefusedByFlinksOwnParser() {
        SqlSession sql = SqlSession.create(1);
        assertThatThrownBy(() -> sql.execute(CREATE_MODEL))
                .satisfies(LineWithoutMlPredictITCase::hasNoLinkageError)
                .hasMessageContaining("MODEL");
    }

    @Test
    void theSqlJarOfThe21AndLaterBuildRefusesWithTheFlinkVersionItNeeds() {
        Path jar = Path.of(System.getProperty("defaultLineSqlJar", "missing"));
        assertThat(Files.exists(jar))
                .as("%s: build the default line first (mvn package), then this line", jar)
                .isTrue();
        SqlSession sql = SqlSession.create(1);
        sql.execute("ADD JAR '" + jar + "'");
        sql.set("instill.endpoint", "127.0.0.1:1");
        String line = EnvironmentInformation.getVersion().replaceFirst("^(\\d+\\.\\d+).*", "$1");
        assertThatThrownBy(
                        () -> {
                            sql.execute(
                                    "CREATE TEMPORARY FUNCTION INSTILL_PREDICT AS"
                                        + " 'ai.instill.flink.table.InstillScalarPredictFunction'");
                            sql.tableEnv()
                                    .explainSql(
                                            "SELECT INSTILL_PREDICT('local/stand-in-completion/v1',"
                                                    + " 'TEXT_GENERATION', 'hello')");
                        })
                .satisfies(LineWithoutMlPredictITCase::hasNoLinkageError)
                .satisfies(
                        e ->
                                assertThat(causes(e))
                                        .anySatisfy(
                                                cause ->
                                                        assertThat(cause.getMessage())
                                                                .contains(
                                                                        "INSTILL_PREDICT: this"
                                                                            + " build of the"
                                                                            + " Instill connector")
                                                                .contains(
                                                                        "needs Flink 2.1 or later,"
                                                                            + " but this is Flink "
                                                                                + EnvironmentInformation
                                                                                        .getVersion())
                                                                .contains(
                                                                        "Use the build for Flink "
                                                                                + line)));
    }

    private static void hasNoLinkageError(Throwable thrown) {
        assertThat(causes(thrown)).noneMatch(LinkageError.class::isInstance);
    }

    private static List<Throwable> causes(Throwable thrown) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = thrown; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }
}
