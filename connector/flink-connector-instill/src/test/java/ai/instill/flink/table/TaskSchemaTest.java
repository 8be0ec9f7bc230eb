package ai.instill.flink.table;

import static org.apache.flink.table.api.DataTypes.ARRAY;
import static org.apache.flink.table.api.DataTypes.BOOLEAN;
import static org.apache.flink.table.api.DataTypes.BYTES;
import static org.apache.flink.table.api.DataTypes.DOUBLE;
import static org.apache.flink.table.api.DataTypes.FIELD;
import static org.apache.flink.table.api.DataTypes.FLOAT;
import static org.apache.flink.table.api.DataTypes.INT;
import static org.apache.flink.table.api.DataTypes.ROW;
import static org.apache.flink.table.api.DataTypes.STRING;
import static org.apache.flink.table.api.DataTypes.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.instill.flink.config.FailurePolicy;
import ai.instill.flink.task.InstillTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.LogicalType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The planning-time checks of a model's INPUT and OUTPUT columns against its task. */
class TaskSchemaTest {

    @ParameterizedTest
    @EnumSource(InstillTask.class)
    void everyTaskAcceptsItsDocumentedOutputAndAnySubsetOfIt(InstillTask task) {
        Map<String, DataType> columns = TaskOutputSchema.resultColumns(task);
        assertThatNoException().isThrownBy(() -> checkOutput(task, columns, FailurePolicy.FAIL));
        String first = columns.keySet().iterator().next();
        assertThatNoException()
                .isThrownBy(
                        () ->
                                checkOutput(
                                        task,
                                        Map.of(first, columns.get(first)),
                                        FailurePolicy.FAIL));
    }

    @Test
    void theIssuesExampleTypesAreTheExpectedOnes() {
        assertThat(
                        TaskOutputSchema.describe(
                                TaskOutputSchema.resultColumns(InstillTask.CLASSIFICATION)))
                .isEqualTo("category STRING, score DOUBLE");
        assertThat(TaskOutputSchema.describe(TaskOutputSchema.resultColumns(InstillTask.DETECTION)))
                .isEqualTo(
                        "objects ARRAY<ROW<`category` STRING, `score` DOUBLE, `bounding_box`"
                                + " ROW<`left` DOUBLE, `top` DOUBLE, `width` DOUBLE, `height`"
                                + " DOUBLE>>>");
        assertThat(
                        TaskOutputSchema.describe(
                                TaskOutputSchema.resultColumns(InstillTask.TEXT_TO_IMAGE)))
                .isEqualTo("images ARRAY<BYTES>");
        assertThat(TaskOutputSchema.describe(TaskOutputSchema.resultColumns(InstillTask.EMBEDDING)))
                .isEqualTo("embedding ARRAY<FLOAT>");
        assertThat(TaskOutputSchema.resultColumns(InstillTask.CHAT)).containsKey("text");
    }

    @Test
    void nullabilityAndStringLengthsDoNotMatterButNestedFieldNamesDo() {
        assertThatNoException()
                .isThrownBy(
                        () ->
                                checkOutput(
                                        InstillTask.CLASSIFICATION,
                                        Map.of(
                                                "category",
                                                VARCHAR(20).notNull(),
                                                "score",
                                                DOUBLE().notNull()),
                                        FailurePolicy.FAIL));
        assertThatThrownBy(
                        () ->
                                checkOutput(
                                        InstillTask.OCR,
                                        Map.of(
                                                "objects",
                                                ARRAY(
                                                        ROW(
                                                                FIELD("txt", STRING()),
                                                                FIELD("score", DOUBLE()),
                                                                FIELD(
                                                                        "bounding_box",
                                                                        TaskOutputSchema
                                                                                .BOUNDING_BOX)))),
                                        FailurePolicy.FAIL))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("column 'objects' is ARRAY<ROW<`txt` STRING");
    }

    @Test
    void aMisfitPrintsEveryProblemAndTheExpectedSchema() {
        assertThatThrownBy(
                        () ->
                                checkOutput(
                                        InstillTask.CLASSIFICATION,
                                        Map.of("category", INT(), "label", STRING()),
                                        FailurePolicy.FAIL))
                .hasMessageContaining("The OUTPUT of model m does not fit task CLASSIFICATION")
                .hasMessageContaining("column 'category' is INT, expected STRING")
                .hasMessageContaining("column 'label' is not an output of task CLASSIFICATION")
                .hasMessageContaining("category STRING, score DOUBLE")
                .hasMessageContaining(
                        "error_code STRING, error_message STRING, error_attempts INT");
    }

    @Test
    void errorColumnsAreRequiredWithTheErrorColumnsPolicyAndRefusedWithout() {
        Map<String, DataType> withErrors =
                new java.util.LinkedHashMap<>(Map.of("category", STRING()));
        withErrors.putAll(TaskOutputSchema.errorColumns());
        assertThatNoException()
                .isThrownBy(
                        () ->
                                checkOutput(
                                        InstillTask.CLASSIFICATION,
                                        withErrors,
                                        FailurePolicy.ERROR_COLUMNS));
        assertThatThrownBy(
                        () ->
                                checkOutput(
                                        InstillTask.CLASSIFICATION,
                                        Map.of("category", STRING()),
                                        FailurePolicy.ERROR_COLUMNS))
                .hasMessageContaining("needs all three error columns");
        assertThatThrownBy(
                        () ->
                                checkOutput(
                                        InstillTask.CLASSIFICATION, withErrors, FailurePolicy.SKIP))
                .hasMessageContaining(
                        "declare error columns only with 'failure-policy' = 'ERROR_COLUMNS'");
    }

    @Test
    void segmentationMasksMayBeDeclaredDecoded() {
        DataType stuffs =
                ARRAY(
                        ROW(
                                FIELD("category", STRING()),
                                FIELD("rle", STRING()),
                                FIELD("mask", ARRAY(ARRAY(BOOLEAN())))));
        assertThatNoException()
                .isThrownBy(
                        () ->
                                checkOutput(
                                        InstillTask.SEMANTIC_SEGMENTATION,
                                        Map.of("stuffs", stuffs),
                                        FailurePolicy.FAIL));
        assertThatThrownBy(
                        () ->
                                checkOutput(
                                        InstillTask.SEMANTIC_SEGMENTATION,
                                        Map.of(
                                                "stuffs",
                                                ARRAY(
                                                        ROW(
                                                                FIELD("category", STRING()),
                                                                FIELD(
                                                                        "mask",
                                                                        ARRAY(ARRAY(BOOLEAN())))))),
                                        FailurePolicy.FAIL))
                .hasMessageContaining("may also declare `mask` ARRAY<ARRAY<BOOLEAN>> after `rle`");
    }

    @Test
    void visionTasksTakeOneImageColumnOfAnyName() {
        assertThatNoException()
                .isThrownBy(() -> checkInput(InstillTask.OCR, Map.of("scan", BYTES())));
        assertThatNoException()
                .isThrownBy(() -> checkInput(InstillTask.OCR, Map.of("scan_base64", STRING())));
        assertThatThrownBy(() -> checkInput(InstillTask.OCR, Map.of("scan", INT())))
                .hasMessageContaining(
                        "column 'scan' is INT, expected BYTES or STRING (base64 or data URI)");
        assertThatThrownBy(() -> checkInput(InstillTask.OCR, Map.of("a", BYTES(), "b", BYTES())))
                .hasMessageContaining("exactly one INPUT column, got 2");
    }

    @Test
    void textTasksMapColumnsByNameAndALoneStringIsThePrompt() {
        assertThatNoException()
                .isThrownBy(() -> checkInput(InstillTask.CHAT, Map.of("question", STRING())));
        assertThatNoException()
                .isThrownBy(
                        () ->
                                checkInput(
                                        InstillTask.CHAT,
                                        Map.of(
                                                "prompt",
                                                STRING(),
                                                "chat_history",
                                                ARRAY(
                                                        ROW(
                                                                FIELD("role", STRING()),
                                                                FIELD("content", STRING()))),
                                                "prompt_images",
                                                ARRAY(BYTES()),
                                                "temperature",
                                                DOUBLE(),
                                                "max_new_tokens",
                                                INT())));
        assertThatThrownBy(
                        () ->
                                checkInput(
                                        InstillTask.CHAT,
                                        Map.of(
                                                "prompt",
                                                STRING(),
                                                "chat_history",
                                                ARRAY(
                                                        ROW(
                                                                FIELD("who", STRING()),
                                                                FIELD("content", STRING()))))))
                .hasMessageContaining(
                        "column 'chat_history' is ARRAY<ROW<`who` STRING, `content` STRING>>,"
                                + " expected ARRAY<ROW<role STRING, content STRING>>");
        assertThatThrownBy(
                        () ->
                                checkInput(
                                        InstillTask.TEXT_TO_IMAGE,
                                        Map.of("prompt", STRING(), "steps", INT())))
                .hasMessageContaining("column 'steps' is not an input of task TEXT_TO_IMAGE")
                .hasMessageContaining(
                        "prompt STRING, samples INT, seed BIGINT, negative_prompt STRING,"
                                + " aspect_ratio STRING");
    }

    @Test
    void embeddingTakesOneTextOrImageColumn() {
        assertThatNoException()
                .isThrownBy(() -> checkInput(InstillTask.EMBEDDING, Map.of("text", STRING())));
        assertThatNoException()
                .isThrownBy(() -> checkInput(InstillTask.EMBEDDING, Map.of("photo", BYTES())));
        assertThatThrownBy(
                        () -> checkInput(InstillTask.EMBEDDING, Map.of("vector", ARRAY(FLOAT()))))
                .hasMessageContaining("does not fit task EMBEDDING");
    }

    private static ResultRowConverter checkOutput(
            InstillTask task, Map<String, DataType> columns, FailurePolicy policy) {
        List<String> names = new ArrayList<>(columns.keySet());
        List<LogicalType> types = names.stream().map(n -> columns.get(n).getLogicalType()).toList();
        return TaskOutputSchema.check("m", task, names, types, policy);
    }

    static RowInputConverter checkInput(InstillTask task, Map<String, DataType> columns) {
        Map<String, DataType> ordered = new java.util.LinkedHashMap<>(columns);
        List<String> names = new ArrayList<>(ordered.keySet());
        List<LogicalType> types = names.stream().map(n -> ordered.get(n).getLogicalType()).toList();
        return TaskInputSchema.check("m", task, names, types, new Configuration());
    }
}
