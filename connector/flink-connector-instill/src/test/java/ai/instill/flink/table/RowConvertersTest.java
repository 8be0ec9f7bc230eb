package ai.instill.flink.table;

import static org.apache.flink.table.api.DataTypes.ARRAY;
import static org.apache.flink.table.api.DataTypes.BOOLEAN;
import static org.apache.flink.table.api.DataTypes.BYTES;
import static org.apache.flink.table.api.DataTypes.DECIMAL;
import static org.apache.flink.table.api.DataTypes.FIELD;
import static org.apache.flink.table.api.DataTypes.INT;
import static org.apache.flink.table.api.DataTypes.ROW;
import static org.apache.flink.table.api.DataTypes.STRING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.instill.flink.config.FailurePolicy;
import ai.instill.flink.error.ErrorCode;
import ai.instill.flink.error.InstillModelException;
import ai.instill.flink.error.InvalidInputException;
import ai.instill.flink.task.BinaryMask;
import ai.instill.flink.task.BoundingBox;
import ai.instill.flink.task.ChatInput;
import ai.instill.flink.task.ChatMessage;
import ai.instill.flink.task.DetectedObject;
import ai.instill.flink.task.DetectionResult;
import ai.instill.flink.task.Embedding;
import ai.instill.flink.task.EmbeddingInput;
import ai.instill.flink.task.EmbeddingItem;
import ai.instill.flink.task.EmbeddingResult;
import ai.instill.flink.task.Image;
import ai.instill.flink.task.ImageInput;
import ai.instill.flink.task.InstanceObject;
import ai.instill.flink.task.InstanceSegmentationResult;
import ai.instill.flink.task.InstillTask;
import ai.instill.flink.task.TextGenerationInput;
import ai.instill.flink.task.TextResult;
import ai.instill.flink.task.Usage;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.logical.LogicalType;
import org.junit.jupiter.api.Test;

/** Rows to typed inputs and typed results to rows, in Flink's internal data structures. */
class RowConvertersTest {
    private static final byte[] PNG =
            ai.instill.flink.server.testing.TestImages.solid(java.awt.Color.RED, 2, 2);

    @Test
    void aVisionRowBecomesAnImageInputFromBytesOrBase64() {
        RowInputConverter bytes =
                TaskSchemaTest.checkInput(InstillTask.DETECTION, Map.of("photo", BYTES()));
        RowInputConverter text =
                TaskSchemaTest.checkInput(InstillTask.DETECTION, Map.of("photo", STRING()));

        assertThat(bytes.toInput(GenericRowData.of((Object) PNG)))
                .isEqualTo(new ImageInput(Image.ofBytes(PNG)));
        assertThat(
                        text.toInput(
                                GenericRowData.of(
                                        StringData.fromString(
                                                "data:image/png;base64,"
                                                        + java.util.Base64.getEncoder()
                                                                .encodeToString(PNG)))))
                .isEqualTo(new ImageInput(Image.ofBytes(PNG)));
    }

    @Test
    void aNullRequiredInputIsBadInputNotANullPointer() {
        RowInputConverter bytes =
                TaskSchemaTest.checkInput(InstillTask.DETECTION, Map.of("photo", BYTES()));
        assertThatThrownBy(() -> bytes.toInput(GenericRowData.of((Object) null)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is required");
    }

    @Test
    void columnsOverrideModelOptionsAndNullColumnsFallBackToThem() {
        Configuration options = new Configuration();
        options.set(InstillSqlOptions.MAX_NEW_TOKENS, 5);
        options.set(InstillSqlOptions.SYSTEM_MESSAGE, "be brief");
        List<String> names = List.of("prompt", "max_new_tokens", "temperature");
        List<LogicalType> types =
                List.of(
                        STRING().getLogicalType(),
                        INT().getLogicalType(),
                        DECIMAL(3, 2).getLogicalType());
        RowInputConverter converter =
                TaskInputSchema.check("m", InstillTask.TEXT_GENERATION, names, types, options);

        assertThat(
                        converter.toInput(
                                GenericRowData.of(
                                        StringData.fromString("hi"),
                                        9,
                                        DecimalData.fromBigDecimal(new BigDecimal("0.25"), 3, 2))))
                .isEqualTo(
                        TextGenerationInput.builder()
                                .prompt("hi")
                                .systemMessage("be brief")
                                .maxNewTokens(9)
                                .temperature(0.25)
                                .build());
        assertThat(converter.toInput(GenericRowData.of(StringData.fromString("hi"), null, null)))
                .isEqualTo(
                        TextGenerationInput.builder()
                                .prompt("hi")
                                .systemMessage("be brief")
                                .maxNewTokens(5)
                                .build());
    }

    @Test
    void chatHistoryAndPromptImagesComeFromArrays() {
        Map<String, org.apache.flink.table.types.DataType> columns =
                new java.util.LinkedHashMap<>();
        columns.put("prompt", STRING());
        columns.put(
                "chat_history", ARRAY(ROW(FIELD("role", STRING()), FIELD("content", STRING()))));
        columns.put("prompt_images", ARRAY(BYTES()));
        RowInputConverter converter = TaskSchemaTest.checkInput(InstillTask.CHAT, columns);
        Object[] values = new Object[3];
        List<String> order = List.copyOf(columns.keySet());
        values[order.indexOf("prompt")] = StringData.fromString("and now?");
        values[order.indexOf("chat_history")] =
                new GenericArrayData(
                        new Object[] {
                            GenericRowData.of(
                                    StringData.fromString("user"), StringData.fromString("hello")),
                            GenericRowData.of(
                                    StringData.fromString("assistant"), StringData.fromString("hi"))
                        });
        values[order.indexOf("prompt_images")] = new GenericArrayData(new Object[] {PNG});

        assertThat(converter.toInput(values))
                .isEqualTo(
                        ChatInput.builder()
                                .prompt("and now?")
                                .chatHistory(ChatMessage.user("hello"), ChatMessage.assistant("hi"))
                                .addPromptImage(Image.ofBytes(PNG))
                                .build());
    }

    @Test
    void theFunctionsArgumentsAreReadByPosition() {
        RowInputConverter embed =
                RowInputConverter.positional(
                        InstillTask.EMBEDDING, 1, GenerationDefaults.from(new Configuration()));
        assertThat(embed.toInput(new Object[] {StringData.fromString("a cat")}))
                .isEqualTo(EmbeddingInput.builder().items(EmbeddingItem.text("a cat")).build());
        assertThat(embed.toInput(new Object[] {PNG}))
                .isEqualTo(
                        EmbeddingInput.builder()
                                .items(EmbeddingItem.image(Image.ofBytes(PNG)))
                                .build());
        assertThatThrownBy(
                        () ->
                                RowInputConverter.positional(
                                        InstillTask.OCR,
                                        2,
                                        GenerationDefaults.from(new Configuration())))
                .hasMessageContaining("takes 1 to 1 inputs");
    }

    @Test
    void aDetectionResultBecomesAnArrayOfRows() {
        ResultRowConverter converter =
                TaskOutputSchema.check(
                        "m",
                        InstillTask.DETECTION,
                        List.of("objects"),
                        List.of(
                                TaskOutputSchema.resultColumns(InstillTask.DETECTION)
                                        .get("objects")
                                        .getLogicalType()),
                        FailurePolicy.FAIL);
        RowData row =
                converter.toRow(
                        new DetectionResult(
                                List.of(
                                        new DetectedObject(
                                                "cat", 0.5, new BoundingBox(1, 2, 3, 4)))));

        RowData object = row.getArray(0).getRow(0, 3);
        assertThat(object.getString(0).toString()).isEqualTo("cat");
        assertThat(object.getDouble(1)).isEqualTo(0.5);
        assertThat(object.getRow(2, 4)).isEqualTo(GenericRowData.of(1.0, 2.0, 3.0, 4.0));
    }

    @Test
    void masksAreDecodedRowsOfPixelsWhenDeclared() {
        LogicalType objects =
                ARRAY(
                                ROW(
                                        FIELD("category", STRING()),
                                        FIELD(
                                                "score",
                                                org.apache.flink.table.api.DataTypes.DOUBLE()),
                                        FIELD("bounding_box", TaskOutputSchema.BOUNDING_BOX),
                                        FIELD("rle", STRING()),
                                        FIELD("mask", ARRAY(ARRAY(BOOLEAN())))))
                        .getLogicalType();
        ResultRowConverter converter =
                TaskOutputSchema.check(
                        "m",
                        InstillTask.INSTANCE_SEGMENTATION,
                        List.of("objects"),
                        List.of(objects),
                        FailurePolicy.FAIL);
        BinaryMask mask = BinaryMask.fromRows("0110", "0110", "1000");
        RowData row =
                converter.toRow(
                        new InstanceSegmentationResult(
                                List.of(
                                        new InstanceObject(
                                                "cat",
                                                0.9,
                                                new BoundingBox(0, 0, 4, 3),
                                                mask.toRle()))));

        ArrayData decoded = row.getArray(0).getRow(0, 5).getArray(4);
        assertThat(decoded.size()).isEqualTo(3);
        assertThat(decoded.getArray(0).toBooleanArray()).containsExactly(false, true, true, false);
        assertThat(decoded.getArray(2).toBooleanArray()).containsExactly(true, false, false, false);
    }

    @Test
    void textAndEmbeddingResultsFillTheirColumns() {
        ResultRowConverter text =
                TaskOutputSchema.check(
                        "m",
                        InstillTask.CHAT,
                        List.of("total_tokens", "text"),
                        List.of(
                                org.apache.flink.table.api.DataTypes.BIGINT().getLogicalType(),
                                STRING().getLogicalType()),
                        FailurePolicy.FAIL);
        assertThat(text.toRow(new TextResult("hi", "stop", new Usage(1, 2, 3))))
                .isEqualTo(GenericRowData.of(3L, StringData.fromString("hi")));
        assertThat(text.toRow(new TextResult("hi", "stop", null)))
                .isEqualTo(GenericRowData.of(null, StringData.fromString("hi")));

        ResultRowConverter embedding =
                TaskOutputSchema.check(
                        "m",
                        InstillTask.EMBEDDING,
                        List.of("embedding"),
                        List.of(
                                TaskOutputSchema.resultColumns(InstillTask.EMBEDDING)
                                        .get("embedding")
                                        .getLogicalType()),
                        FailurePolicy.FAIL);
        RowData row =
                embedding.toRow(
                        new EmbeddingResult(List.of(new Embedding(0, new float[] {1f, 2f}))));
        assertThat(row.getArray(0).toFloatArray()).containsExactly(1f, 2f);
    }

    @Test
    void aFailureFillsOnlyTheErrorColumns() {
        List<String> names = List.of("category", "error_code", "error_message", "error_attempts");
        List<LogicalType> types =
                List.of(
                        STRING().getLogicalType(),
                        STRING().getLogicalType(),
                        STRING().getLogicalType(),
                        INT().getLogicalType());
        ResultRowConverter converter =
                TaskOutputSchema.check(
                        "m", InstillTask.CLASSIFICATION, names, types, FailurePolicy.ERROR_COLUMNS);
        RowData row =
                converter.errorRow(new InstillModelException(ErrorCode.UNAVAILABLE, "down"), 3);

        assertThat(row.isNullAt(0)).isTrue();
        assertThat(row.getString(1).toString()).isEqualTo("UNAVAILABLE");
        assertThat(row.getString(2).toString()).isEqualTo("down");
        assertThat(row.getInt(3)).isEqualTo(3);
    }
}
