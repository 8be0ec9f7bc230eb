package ai.instill.flink.table;

import static org.apache.flink.table.api.DataTypes.BYTES;
import static org.apache.flink.table.api.DataTypes.FIELD;
import static org.apache.flink.table.api.DataTypes.ROW;
import static org.apache.flink.table.api.DataTypes.STRING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.instill.flink.server.DefaultModels;
import ai.instill.flink.server.testing.LocalModelServerExtension;
import ai.instill.flink.server.testing.TestImages;
import ai.instill.flink.table.testutils.SqlSession;
import java.awt.Color;
import java.util.List;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code INSTILL_PREDICT(model_name, task, input…)} registered with CREATE FUNCTION, configured by
 * SET.
 */
class InstillScalarPredictFunctionITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @RegisterExtension
    static final LocalModelServerExtension SERVER = new LocalModelServerExtension();

    private SqlSession sql;

    @BeforeEach
    void session() {
        sql = SqlSession.create(2);
        sql.execute(
                "CREATE TEMPORARY FUNCTION INSTILL_PREDICT AS '"
                        + InstillScalarPredictFunction.class.getName()
                        + "'");
        sql.set("instill.endpoint", SERVER.endpoint()); // what SET does in the SQL client
        sql.view(
                "photos",
                sql.tableEnv()
                        .fromValues(
                                ROW(FIELD("colour", STRING()), FIELD("image", BYTES())),
                                Row.of("red", TestImages.solid(Color.RED, 8, 8)),
                                Row.of("blue", TestImages.solid(Color.BLUE, 8, 8)),
                                Row.of("broken", new byte[] {1, 2, 3})));
    }

    @Test
    void aVisionTaskReturnsItsTypedRow() throws Exception {
        sql.view(
                "scenes",
                sql.tableEnv()
                        .fromValues(
                                ROW(FIELD("colour", STRING()), FIELD("image", BYTES())),
                                Row.of(
                                        "red",
                                        TestImages.canvas(40, 30, Color.WHITE)
                                                .rect(Color.RED, 5, 6, 12, 8)
                                                .png()),
                                Row.of(
                                        "blue",
                                        TestImages.canvas(40, 30, Color.WHITE)
                                                .rect(Color.BLUE, 20, 2, 6, 9)
                                                .png())));
        List<Row> rows =
                sql.query(
                        "SELECT colour, INSTILL_PREDICT('"
                                + DefaultModels.DETECTOR
                                + "', 'DETECTION', image)"
                                + " AS r FROM scenes");

        assertThat(rows)
                .hasSize(2)
                .allSatisfy(
                        row -> {
                            Row result = (Row) row.getField("r");
                            Row[] objects = (Row[]) result.getField(0);
                            assertThat(objects).hasSize(1);
                            assertThat(objects[0].getField(0)).isEqualTo(row.getField("colour"));
                            assertThat(result.getField(1)).as("error_code").isNull();
                        });
    }

    @Test
    void fieldsOfTheResultCanBeSelectedAndParametersFollowTheInputByPosition() throws Exception {
        sql.view(
                "prompts",
                sql.tableEnv().fromValues(ROW(FIELD("prompt", STRING())), Row.of("one two three")));
        List<Row> rows =
                sql.query(
                        "SELECT t.r.`text`, t.r.finish_reason, t.r.total_tokens FROM (SELECT"
                                + " INSTILL_PREDICT('"
                                + DefaultModels.COMPLETION
                                + "', 'text-generation', prompt, 'be brief', 2) AS r"
                                + " FROM prompts) AS t");

        assertThat(rows).containsExactly(Row.of("stand-in: three two", "length", 7L));
    }

    @Test
    void embeddingsUseTheDimensionsOfTheJobConfiguration() throws Exception {
        sql.set("instill.embedding.dimensions", "8");
        List<Row> rows =
                sql.query(
                        "SELECT t.r.embedding FROM (SELECT INSTILL_PREDICT('"
                                + DefaultModels.EMBEDDER
                                + "', 'EMBEDDING', colour) AS r FROM photos) AS t");

        assertThat(rows).hasSize(3).allSatisfy(r -> assertThat((Float[]) r.getField(0)).hasSize(8));
    }

    @Test
    void withTheErrorColumnsPolicyAFailedCallReturnsItsError() throws Exception {
        sql.set("instill.failure-policy", "ERROR_COLUMNS");
        List<Row> rows =
                sql.query(
                        "SELECT colour, t.r.category, t.r.error_code, t.r.error_attempts FROM"
                                + " (SELECT colour, INSTILL_PREDICT('"
                                + DefaultModels.CLASSIFIER
                                + "', 'CLASSIFICATION', image) AS r FROM photos) AS t");

        assertThat(rows)
                .containsExactlyInAnyOrder(
                        Row.of("red", "red", null, null),
                        Row.of("blue", "blue", null, null),
                        Row.of("broken", null, "INVALID_INPUT", 0));
    }

    @Test
    void aMissingEndpointIsReportedAtPlanning() {
        sql.tableEnv()
                .getConfig()
                .getConfiguration()
                .removeConfig(
                        org.apache.flink.configuration.ConfigOptions.key("instill.endpoint")
                                .stringType()
                                .noDefaultValue());
        assertThatThrownBy(
                        () ->
                                sql.tableEnv()
                                        .explainSql(
                                                "SELECT INSTILL_PREDICT('"
                                                        + DefaultModels.CLASSIFIER
                                                        + "', 'CLASSIFICATION', image) FROM"
                                                        + " photos"))
                .hasStackTraceContaining("SET 'instill.endpoint' = ");
    }

    @Test
    void aTaskThatIsNotALiteralOrInputsOfTheWrongTypeAreRefusedAtPlanning() {
        assertThatThrownBy(
                        () ->
                                sql.tableEnv()
                                        .explainSql(
                                                "SELECT INSTILL_PREDICT('"
                                                        + DefaultModels.CLASSIFIER
                                                        + "', colour, image) FROM photos"))
                .hasStackTraceContaining("task must be a STRING literal");
        assertThatThrownBy(
                        () ->
                                sql.tableEnv()
                                        .explainSql(
                                                "SELECT INSTILL_PREDICT('"
                                                        + DefaultModels.CLASSIFIER
                                                        + "', 'TEXT_TO_IMAGE', image) FROM photos"))
                .hasStackTraceContaining("input 1 of task TEXT_TO_IMAGE is BYTES")
                .hasStackTraceContaining("prompt STRING, samples INT");
        assertThatThrownBy(
                        () ->
                                sql.tableEnv()
                                        .explainSql(
                                                "SELECT INSTILL_PREDICT('"
                                                        + DefaultModels.CLASSIFIER
                                                        + "', 'PAINTING', image) FROM photos"))
                .hasStackTraceContaining("Unknown task 'PAINTING'");
    }
}
