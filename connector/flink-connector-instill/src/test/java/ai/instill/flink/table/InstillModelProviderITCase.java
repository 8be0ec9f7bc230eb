package ai.instill.flink.table;

import static org.apache.flink.table.api.DataTypes.ARRAY;
import static org.apache.flink.table.api.DataTypes.BYTES;
import static org.apache.flink.table.api.DataTypes.FIELD;
import static org.apache.flink.table.api.DataTypes.INT;
import static org.apache.flink.table.api.DataTypes.ROW;
import static org.apache.flink.table.api.DataTypes.STRING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.instill.flink.server.DefaultModels;
import ai.instill.flink.server.LocalModelServer;
import ai.instill.flink.server.imaging.TextImages;
import ai.instill.flink.server.testing.LocalModelServerExtension;
import ai.instill.flink.server.testing.TestImages;
import ai.instill.flink.table.testutils.SqlSession;
import ai.instill.flink.task.InstillTask;
import io.grpc.Status;
import java.awt.Color;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Table;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * CREATE MODEL + ML_PREDICT with the {@code instill} provider on a mini cluster against the local
 * model SERVER.server().
 */
@DisabledIfSystemProperty(
        named = "flink.ml-predict.skip",
        matches = "true",
        disabledReason = "CREATE MODEL and ML_PREDICT need Flink 2.1 or later")
class InstillModelProviderITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final List<String> COLOURS = List.of("red", "green", "blue", "yellow");
    private static final Map<String, Color> PAINT =
            Map.of(
                    "red",
                    Color.RED,
                    "green",
                    Color.GREEN,
                    "blue",
                    Color.BLUE,
                    "yellow",
                    Color.YELLOW);

    @RegisterExtension
    static final LocalModelServerExtension SERVER = new LocalModelServerExtension();

    private SqlSession sql;

    @BeforeEach
    void freshSession() {
        sql = SqlSession.create(2);
    }

    // ---- every task, typed columns
    // ---------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(InstillTask.class)
    void everyTaskFillsItsTypedOutputColumns(InstillTask task) throws Exception {
        TaskCase c = TaskCase.of(task);
        sql.view("inputs", c.inputs(sql));
        sql.execute(
                "CREATE MODEL m INPUT ("
                        + c.input
                        + ") OUTPUT ("
                        + c.output
                        + ") WITH ("
                        + options(task, c.model, c.extraOptions)
                        + ")");
        List<Row> rows =
                sql.query(
                        "SELECT * FROM ML_PREDICT(TABLE inputs, MODEL m, DESCRIPTOR("
                                + c.descriptor
                                + "))");

        assertThat(rows).hasSize(COLOURS.size());
        for (Row row : rows) {
            c.check(row);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "false"})
    void asyncAndSyncPredictionGiveTheSameRows(String async) throws Exception {
        sql.view("photos", photos(false));
        sql.execute(
                "CREATE MODEL colour_model INPUT (image BYTES) OUTPUT (category STRING, score"
                        + " DOUBLE) WITH ("
                        + options(InstillTask.CLASSIFICATION, DefaultModels.CLASSIFIER, "")
                        + ")");
        List<Row> rows =
                sql.query(
                        "SELECT colour, category FROM ML_PREDICT(TABLE photos, MODEL colour_model,"
                                + " DESCRIPTOR(image), MAP['async', '"
                                + async
                                + "'])");

        assertThat(rows)
                .hasSize(COLOURS.size())
                .allSatisfy(
                        r -> assertThat(r.getField("category")).isEqualTo(r.getField("colour")));
    }

    @Test
    void generationParametersComeFromColumnsOrFromModelOptions() throws Exception {
        Table prompts =
                sql.tableEnv()
                        .fromValues(
                                ROW(FIELD("prompt", STRING()), FIELD("max_new_tokens", INT())),
                                Row.of("one two three four", 2),
                                Row.of("five six seven", null));
        sql.view("prompts", prompts);
        sql.execute(
                "CREATE MODEL writer INPUT (prompt STRING, max_new_tokens INT)"
                        + " OUTPUT (text STRING, finish_reason STRING) WITH ("
                        + options(
                                InstillTask.TEXT_GENERATION,
                                DefaultModels.COMPLETION,
                                ", 'max-new-tokens' = '1'")
                        + ")");
        List<Row> rows =
                sql.query(
                        "SELECT prompt, text, finish_reason FROM ML_PREDICT(TABLE prompts, MODEL"
                                + " writer, DESCRIPTOR(prompt, max_new_tokens))");

        assertThat(rows.stream().map(r -> r.getField("text") + "|" + r.getField("finish_reason")))
                .containsExactlyInAnyOrder("stand-in: four three|length", "stand-in: seven|length");
    }

    // ---- planning-time checks
    // ----------------------------------------------------------------------------------

    @Test
    void anOutputThatDoesNotFitTheTaskIsRefusedAtPlanningWithTheExpectedSchema() {
        sql.view("photos", photos(false));
        sql.execute(
                "CREATE MODEL detector INPUT (image BYTES) OUTPUT (objects ARRAY<ROW<category"
                        + " STRING>>, label STRING) WITH ("
                        + options(InstillTask.DETECTION, DefaultModels.DETECTOR, "")
                        + ")");

        assertThatThrownBy(
                        () ->
                                sql.tableEnv()
                                        .explainSql(
                                                "SELECT * FROM ML_PREDICT(TABLE photos, MODEL"
                                                        + " detector, DESCRIPTOR(image))"))
                .rootCause()
                .hasMessageContaining("does not fit task DETECTION")
                .hasMessageContaining("column 'objects' is ARRAY<ROW<`category` STRING>>")
                .hasMessageContaining("column 'label' is not an output of task DETECTION")
                .hasMessageContaining(
                        "objects ARRAY<ROW<`category` STRING, `score` DOUBLE, `bounding_box`"
                                + " ROW<`left` DOUBLE, `top` DOUBLE, `width` DOUBLE, `height`"
                                + " DOUBLE>>>");
    }

    @Test
    void anInputThatDoesNotFitTheTaskIsRefusedAtPlanning() {
        sql.view(
                "prompts",
                sql.tableEnv()
                        .fromValues(
                                ROW(FIELD("question", STRING()), FIELD("n", INT())),
                                Row.of("hi", 1)));
        sql.execute(
                "CREATE MODEL writer INPUT (question STRING, n INT) OUTPUT (text STRING) WITH ("
                        + options(InstillTask.TEXT_GENERATION, DefaultModels.COMPLETION, "")
                        + ")");

        assertThatThrownBy(
                        () ->
                                sql.tableEnv()
                                        .explainSql(
                                                "SELECT * FROM ML_PREDICT(TABLE prompts, MODEL"
                                                        + " writer, DESCRIPTOR(question, n))"))
                .rootCause()
                .hasMessageContaining("column 'question' is not an input of task TEXT_GENERATION")
                .hasMessageContaining("the column 'prompt' is required")
                .hasMessageContaining("prompt STRING, system_message STRING, max_new_tokens INT");
    }

    @Test
    void deadLettersAndDataStreamOnlyOptionsAreRefusedWithTheSqlAlternative() {
        sql.view("photos", photos(false));
        sql.execute(
                "CREATE MODEL dead INPUT (image BYTES) OUTPUT (category STRING) WITH ("
                        + options(
                                InstillTask.CLASSIFICATION,
                                DefaultModels.CLASSIFIER,
                                ", 'failure-policy' = 'DEAD_LETTER'")
                        + ")");
        sql.execute(
                "CREATE MODEL ordered INPUT (image BYTES) OUTPUT (category STRING) WITH ("
                        + options(
                                InstillTask.CLASSIFICATION,
                                DefaultModels.CLASSIFIER,
                                ", 'output-mode' = 'ORDERED'")
                        + ")");

        assertThatThrownBy(
                        () ->
                                sql.tableEnv()
                                        .explainSql(
                                                "SELECT * FROM ML_PREDICT(TABLE photos, MODEL dead,"
                                                        + " DESCRIPTOR(image))"))
                .rootCause()
                .hasMessageContaining("Use 'ERROR_COLUMNS'");
        assertThatThrownBy(
                        () ->
                                sql.tableEnv()
                                        .explainSql(
                                                "SELECT * FROM ML_PREDICT(TABLE photos, MODEL"
                                                        + " ordered, DESCRIPTOR(image))"))
                .rootCause()
                .hasMessageContaining("MAP['output-mode'");
    }

    // ---- failure policies
    // --------------------------------------------------------------------------------------

    @Test
    void theErrorColumnsPolicyEmitsFailedRowsWithTheirErrorSoAWhereCanRouteThem() throws Exception {
        sql.view("photos", photos(true));
        sql.execute(
                "CREATE MODEL colour_model INPUT (image BYTES) OUTPUT (category STRING, error_code"
                        + " STRING, error_message STRING, error_attempts INT) WITH ("
                        + options(
                                InstillTask.CLASSIFICATION,
                                DefaultModels.CLASSIFIER,
                                ", 'failure-policy' = 'ERROR_COLUMNS'")
                        + ")");
        String predict =
                "SELECT * FROM ML_PREDICT(TABLE photos, MODEL colour_model, DESCRIPTOR(image))";
        List<Row> failed =
                sql.query(
                        "SELECT colour, category, error_code, error_message, error_attempts FROM ("
                                + predict
                                + ") WHERE error_code IS NOT NULL");
        List<Row> good =
                sql.query(
                        "SELECT colour, category FROM (" + predict + ") WHERE error_code IS NULL");

        assertThat(failed)
                .hasSize(2)
                .allSatisfy(
                        r -> {
                            assertThat(r.getField("category")).isNull();
                            assertThat(r.getField("error_code")).isEqualTo("INVALID_INPUT");
                            assertThat((String) r.getField("error_message")).contains("image");
                            assertThat(r.getField("error_attempts")).isEqualTo(0);
                        });
        assertThat(good)
                .hasSize(COLOURS.size())
                .allSatisfy(
                        r -> assertThat(r.getField("category")).isEqualTo(r.getField("colour")));
    }

    @Test
    void inputsTheServerRefusesLandInTheErrorColumns() throws Exception {
        SERVER.server()
                .faults(DefaultModels.CLASSIFIER)
                .errorRate(Status.Code.INVALID_ARGUMENT, 1.0);
        sql.view("photos", photos(false));
        sql.execute(
                "CREATE MODEL colour_model INPUT (image BYTES) OUTPUT (category STRING, error_code"
                        + " STRING, error_message STRING, error_attempts INT) WITH ("
                        + options(
                                InstillTask.CLASSIFICATION,
                                DefaultModels.CLASSIFIER,
                                ", 'failure-policy' = 'ERROR_COLUMNS'")
                        + ")");
        List<Row> rows =
                sql.query(
                        "SELECT error_code, error_attempts FROM ML_PREDICT(TABLE photos, MODEL"
                                + " colour_model, DESCRIPTOR(image))");

        assertThat(rows)
                .hasSize(COLOURS.size())
                .allSatisfy(
                        r -> {
                            assertThat(r.getField("error_code")).isEqualTo("INVALID_ARGUMENT");
                            // in its batch, then alone to find which input was refused
                            assertThat((Integer) r.getField("error_attempts")).isBetween(1, 2);
                        });
    }

    @Test
    void theSkipPolicyDropsFailedRowsAndNullInputsNeverBreakTheJob() throws Exception {
        Table photos =
                sql.tableEnv()
                        .fromValues(
                                ROW(FIELD("colour", STRING()), FIELD("image", BYTES())),
                                Row.of("red", TestImages.solid(Color.RED, 8, 8)),
                                Row.of("none", null),
                                Row.of("broken", new byte[] {1, 2, 3}));
        sql.view("photos", photos);
        sql.execute(
                "CREATE MODEL colour_model INPUT (image BYTES) OUTPUT (category STRING) WITH ("
                        + options(
                                InstillTask.CLASSIFICATION,
                                DefaultModels.CLASSIFIER,
                                ", 'failure-policy' = 'SKIP'")
                        + ")");
        List<Row> rows =
                sql.query(
                        "SELECT colour, category FROM ML_PREDICT(TABLE photos, MODEL colour_model,"
                                + " DESCRIPTOR(image))");

        assertThat(rows).containsExactly(Row.of("red", "red"));
    }

    @Test
    void theFailPolicyFailsTheJobWithAClearReason() {
        sql.view("photos", photos(true));
        sql.execute(
                "CREATE MODEL colour_model INPUT (image BYTES) OUTPUT (category STRING) WITH ("
                        + options(InstillTask.CLASSIFICATION, DefaultModels.CLASSIFIER, "")
                        + ")");

        assertThatThrownBy(
                        () ->
                                sql.query(
                                        "SELECT * FROM ML_PREDICT(TABLE photos, MODEL colour_model,"
                                                + " DESCRIPTOR(image))"))
                .rootCause()
                .hasMessageContaining("INVALID_INPUT")
                .hasMessageContaining("not an image");
    }

    // ---- batching
    // ---------------------------------------------------------------------------------------------

    @Test
    void rowsInFlightAcrossConcurrentOperationsShareTriggerCalls() throws Exception {
        SERVER.server().faults(DefaultModels.CLASSIFIER).latency(Duration.ofMillis(20));
        List<Row> many = new ArrayList<>();
        for (int i = 0; i < 96; i++) {
            String colour = COLOURS.get(i % COLOURS.size());
            many.add(Row.of(i, colour, TestImages.solid(PAINT.get(colour), 8, 8)));
        }
        sql = SqlSession.create(1);
        sql.view(
                "photos",
                sql.tableEnv()
                        .fromValues(
                                ROW(
                                        FIELD("id", INT()),
                                        FIELD("colour", STRING()),
                                        FIELD("image", BYTES())),
                                many));
        sql.execute(
                "CREATE MODEL colour_model INPUT (image BYTES) OUTPUT (category STRING) WITH ("
                        + options(
                                InstillTask.CLASSIFICATION,
                                DefaultModels.CLASSIFIER,
                                ", 'batch.max-size' = '16', 'batch.linger' = '20 ms'")
                        + ")");
        List<Row> rows =
                sql.query(
                        "SELECT id, colour, category FROM ML_PREDICT(TABLE photos, MODEL"
                                + " colour_model, DESCRIPTOR(image), MAP['async', 'true',"
                                + " 'max-concurrent-operations', '16'])");

        assertThat(rows)
                .hasSize(96)
                .allSatisfy(
                        r -> assertThat(r.getField("category")).isEqualTo(r.getField("colour")));
        assertThat(rows.stream().map(r -> r.getField("id")).collect(Collectors.toSet()))
                .hasSize(96);
        assertThat(SERVER.server().stats(DefaultModels.CLASSIFIER).maxInputsPerCall())
                .isGreaterThan(1);
        assertThat(SERVER.server().stats(DefaultModels.CLASSIFIER).calls()).isLessThan(96);
    }

    // ---- fixtures
    // ---------------------------------------------------------------------------------------------

    static String options(InstillTask task, String model, String extra) {
        return "'provider' = 'instill', 'endpoint' = '"
                + SERVER.endpoint()
                + "', 'model-name' = '"
                + model
                + "', 'task' = '"
                + task.name()
                + "'"
                + extra;
    }

    /** The options of a classification model on the given server, plus more. */
    static String options(LocalModelServer on, String extra) {
        return "'provider' = 'instill', 'endpoint' = '"
                + on.target()
                + "', 'model-name' = '"
                + DefaultModels.CLASSIFIER
                + "', 'task' = 'CLASSIFICATION', "
                + extra;
    }

    /** One row per colour; with {@code broken}, two more rows whose bytes are no image. */
    private Table photos(boolean broken) {
        List<Row> rows = new ArrayList<>();
        for (String colour : COLOURS) {
            rows.add(Row.of(colour, TestImages.solid(PAINT.get(colour), 8, 8)));
        }
        if (broken) {
            rows.add(Row.of("broken-1", new byte[] {'n', 'o', 'p', 'e'}));
            rows.add(Row.of("broken-2", new byte[] {0, 1, 2, 3, 4}));
        }
        return sql.tableEnv()
                .fromValues(ROW(FIELD("colour", STRING()), FIELD("image", BYTES())), rows);
    }

    private static byte[] canvas(String colour) {
        return TestImages.canvas(40, 30, Color.WHITE).rect(PAINT.get(colour), 5, 6, 12, 8).png();
    }

    /** A task's model, INPUT, OUTPUT, input rows and the check of one output row. */
    private record TaskCase(
            InstillTask task,
            String model,
            String input,
            String output,
            String descriptor,
            String extraOptions) {

        static TaskCase of(InstillTask task) {
            String box = "ROW<`left` DOUBLE, `top` DOUBLE, `width` DOUBLE, `height` DOUBLE>";
            String text =
                    "`text` STRING, finish_reason STRING, prompt_tokens BIGINT, completion_tokens"
                            + " BIGINT, total_tokens BIGINT";
            return switch (task) {
                case CLASSIFICATION ->
                        new TaskCase(
                                task,
                                DefaultModels.CLASSIFIER,
                                "image BYTES",
                                "category STRING, score DOUBLE",
                                "image",
                                "");
                case DETECTION ->
                        new TaskCase(
                                task,
                                DefaultModels.DETECTOR,
                                "image BYTES",
                                "objects ARRAY<ROW<category STRING, score DOUBLE, bounding_box "
                                        + box
                                        + ">>",
                                "image",
                                "");
                case KEYPOINT ->
                        new TaskCase(
                                task,
                                DefaultModels.KEYPOINT,
                                "image BYTES",
                                "objects ARRAY<ROW<score DOUBLE, bounding_box "
                                        + box
                                        + ", keypoints ARRAY<ROW<x DOUBLE, y DOUBLE, v DOUBLE>>>>",
                                "image",
                                "");
                case OCR ->
                        new TaskCase(
                                task,
                                DefaultModels.OCR,
                                "image BYTES",
                                "objects ARRAY<ROW<`text` STRING, score DOUBLE, bounding_box "
                                        + box
                                        + ">>",
                                "image",
                                "");
                case INSTANCE_SEGMENTATION ->
                        new TaskCase(
                                task,
                                DefaultModels.INSTANCE_SEGMENTER,
                                "image STRING",
                                "objects ARRAY<ROW<category STRING, score DOUBLE, bounding_box "
                                        + box
                                        + ", rle STRING, mask ARRAY<ARRAY<BOOLEAN>>>>",
                                "image_base64",
                                "");
                case SEMANTIC_SEGMENTATION ->
                        new TaskCase(
                                task,
                                DefaultModels.SEMANTIC_SEGMENTER,
                                "image BYTES",
                                "stuffs ARRAY<ROW<category STRING, rle STRING, mask"
                                    + " ARRAY<ARRAY<BOOLEAN>>>>, image_height INT, image_width INT",
                                "image",
                                "");
                case TEXT_GENERATION ->
                        new TaskCase(
                                task,
                                DefaultModels.COMPLETION,
                                "prompt STRING",
                                text,
                                "prompt",
                                ", 'system-message' = 'be brief', 'temperature' = '0'");
                case TEXT_GENERATION_CHAT ->
                        new TaskCase(
                                task,
                                DefaultModels.CHAT,
                                "prompt STRING, chat_history ARRAY<ROW<role STRING, content"
                                        + " STRING>>",
                                text,
                                "prompt, chat_history",
                                "");
                case VISUAL_QUESTION_ANSWERING ->
                        new TaskCase(
                                task,
                                DefaultModels.CHAT,
                                "prompt STRING, prompt_images ARRAY<BYTES>",
                                "`text` STRING",
                                "prompt, prompt_images",
                                "");
                case CHAT ->
                        new TaskCase(
                                task,
                                DefaultModels.CHAT,
                                "question STRING",
                                "`text` STRING, total_tokens BIGINT",
                                "prompt",
                                "");
                case TEXT_TO_IMAGE ->
                        new TaskCase(
                                task,
                                DefaultModels.TEXT_TO_IMAGE,
                                "prompt STRING",
                                "images ARRAY<BYTES>",
                                "prompt",
                                ", 'aspect-ratio' = '16:9', 'samples' = '2'");
                case EMBEDDING ->
                        new TaskCase(
                                task,
                                DefaultModels.EMBEDDER,
                                "`text` STRING",
                                "embedding ARRAY<FLOAT>",
                                "prompt",
                                ", 'embedding.dimensions' = '16'");
            };
        }

        Table inputs(SqlSession sql) {
            List<Row> rows = new ArrayList<>();
            for (String colour : COLOURS) {
                Object value =
                        switch (task) {
                            case CLASSIFICATION -> TestImages.solid(PAINT.get(colour), 8, 8);
                            case OCR -> TextImages.renderPng(colour, 2);
                            case INSTANCE_SEGMENTATION ->
                                    "data:image/png;base64,"
                                            + java.util.Base64.getEncoder()
                                                    .encodeToString(canvas(colour));
                            case DETECTION, KEYPOINT, SEMANTIC_SEGMENTATION -> canvas(colour);
                            case TEXT_GENERATION_CHAT -> null;
                            case VISUAL_QUESTION_ANSWERING -> null;
                            default -> "paint it " + colour;
                        };
                if (task == InstillTask.TEXT_GENERATION_CHAT) {
                    rows.add(
                            Row.of(
                                    colour,
                                    "and " + colour + "?",
                                    new Row[] {
                                        Row.of("user", "name a colour"),
                                        Row.of("assistant", "white")
                                    }));
                } else if (task == InstillTask.VISUAL_QUESTION_ANSWERING) {
                    rows.add(
                            Row.of(
                                    colour,
                                    "which colour?",
                                    new byte[][] {TestImages.solid(PAINT.get(colour), 6, 4)}));
                } else {
                    rows.add(Row.of(colour, value));
                }
            }
            DataTypes.Field colourField = FIELD("colour", STRING());
            return switch (task) {
                case TEXT_GENERATION_CHAT ->
                        sql.tableEnv()
                                .fromValues(
                                        ROW(
                                                colourField,
                                                FIELD("prompt", STRING()),
                                                FIELD(
                                                        "chat_history",
                                                        ARRAY(
                                                                ROW(
                                                                        FIELD("role", STRING()),
                                                                        FIELD(
                                                                                "content",
                                                                                STRING()))))),
                                        rows);
                case VISUAL_QUESTION_ANSWERING ->
                        sql.tableEnv()
                                .fromValues(
                                        ROW(
                                                colourField,
                                                FIELD("prompt", STRING()),
                                                FIELD("prompt_images", ARRAY(BYTES()))),
                                        rows);
                case INSTANCE_SEGMENTATION ->
                        sql.tableEnv()
                                .fromValues(
                                        ROW(colourField, FIELD("image_base64", STRING())), rows);
                case CLASSIFICATION, DETECTION, KEYPOINT, OCR, SEMANTIC_SEGMENTATION ->
                        sql.tableEnv().fromValues(ROW(colourField, FIELD("image", BYTES())), rows);
                default ->
                        sql.tableEnv()
                                .fromValues(ROW(colourField, FIELD("prompt", STRING())), rows);
            };
        }

        void check(Row row) {
            String colour = (String) row.getField("colour");
            switch (task) {
                case CLASSIFICATION -> {
                    assertThat(row.getField("category")).isEqualTo(colour);
                    assertThat((Double) row.getField("score")).isBetween(0.0, 1.0);
                }
                case DETECTION -> {
                    Row[] objects = (Row[]) row.getField("objects");
                    assertThat(objects).hasSize(1);
                    assertThat(objects[0].getField(0)).isEqualTo(colour);
                    assertThat(objects[0].getField(2)).isEqualTo(Row.of(5.0, 6.0, 12.0, 8.0));
                }
                case KEYPOINT -> {
                    Row[] objects = (Row[]) row.getField("objects");
                    assertThat(objects).hasSize(1);
                    assertThat((Row[]) objects[0].getField(2)).hasSize(5);
                }
                case OCR -> {
                    Row[] objects = (Row[]) row.getField("objects");
                    assertThat(objects).hasSize(1);
                    assertThat(objects[0].getField(0)).isEqualTo(colour.toUpperCase());
                }
                case INSTANCE_SEGMENTATION -> {
                    Row[] objects = (Row[]) row.getField("objects");
                    assertThat(objects).hasSize(1);
                    assertThat(objects[0].getField(0)).isEqualTo(colour);
                    assertThat((String) objects[0].getField(3)).isNotEmpty();
                    Boolean[][] mask = (Boolean[][]) objects[0].getField(4);
                    assertThat(mask).hasNumberOfRows(8);
                    assertThat(Arrays.stream(mask).flatMap(Arrays::stream).filter(b -> b).count())
                            .isEqualTo(96);
                }
                case SEMANTIC_SEGMENTATION -> {
                    assertThat(row.getField("image_height")).isEqualTo(30);
                    assertThat(row.getField("image_width")).isEqualTo(40);
                    Row stuff =
                            Arrays.stream((Row[]) row.getField("stuffs"))
                                    .filter(s -> colour.equals(s.getField(0)))
                                    .findFirst()
                                    .orElseThrow();
                    Boolean[][] mask = (Boolean[][]) stuff.getField(2);
                    assertThat(mask).hasNumberOfRows(30);
                    assertThat(mask[6][5]).isTrue();
                    assertThat(Arrays.stream(mask).flatMap(Arrays::stream).filter(b -> b).count())
                            .isEqualTo(96);
                }
                case TEXT_GENERATION -> {
                    assertThat(row.getField("text")).isEqualTo("stand-in: " + colour + " it paint");
                    assertThat(row.getField("finish_reason")).isEqualTo("stop");
                    assertThat(row.getField("prompt_tokens"))
                            .isEqualTo(5L); // 3 prompt words + "be brief"
                    assertThat(row.getField("total_tokens")).isEqualTo(8L);
                }
                case TEXT_GENERATION_CHAT ->
                        assertThat((String) row.getField("text"))
                                .contains(colour)
                                .contains("history: 2 earlier");
                case VISUAL_QUESTION_ANSWERING ->
                        assertThat((String) row.getField("text"))
                                .contains("[image 1: 6x4 " + colour + "]");
                case CHAT -> {
                    assertThat((String) row.getField("text")).contains("paint it " + colour);
                    assertThat((Long) row.getField("total_tokens")).isPositive();
                }
                case TEXT_TO_IMAGE -> {
                    byte[][] images = (byte[][]) row.getField("images");
                    assertThat(images).hasNumberOfRows(2);
                    assertThat(images[0]).startsWith((byte) 0xFF, (byte) 0xD8);
                }
                case EMBEDDING -> assertThat((Float[]) row.getField("embedding")).hasSize(16);
            }
        }
    }
}
