package ai.instill.flink.table;

import static org.apache.flink.table.api.DataTypes.ARRAY;
import static org.apache.flink.table.api.DataTypes.BIGINT;
import static org.apache.flink.table.api.DataTypes.BYTES;
import static org.apache.flink.table.api.DataTypes.DOUBLE;
import static org.apache.flink.table.api.DataTypes.FIELD;
import static org.apache.flink.table.api.DataTypes.INT;
import static org.apache.flink.table.api.DataTypes.ROW;
import static org.apache.flink.table.api.DataTypes.STRING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.instill.flink.config.FailurePolicy;
import ai.instill.flink.error.InvalidInputException;
import ai.instill.flink.task.ChatInput;
import ai.instill.flink.task.ChatMessage;
import ai.instill.flink.task.EmbeddingInput;
import ai.instill.flink.task.EmbeddingItem;
import ai.instill.flink.task.ImageInput;
import ai.instill.flink.task.InstillTask;
import ai.instill.flink.task.ResultType;
import ai.instill.flink.task.TaskDescriptions;
import ai.instill.flink.task.TaskInput;
import ai.instill.flink.task.TextGenerationInput;
import ai.instill.flink.task.TextToImageInput;
import ai.instill.flink.task.testutils.TaskSamples;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.conversion.DataStructureConverter;
import org.apache.flink.table.data.conversion.DataStructureConverters;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.inference.Signature;
import org.apache.flink.table.types.logical.LogicalType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The SQL surface of every task as its description gives it: the OUTPUT columns, the rows the
 * converter fills in for them, the INPUT columns and the function's arguments.
 */
class TaskDescriptionsSqlTest {

    private static final String TEXT_COLUMNS =
            "text STRING, finish_reason STRING, prompt_tokens BIGINT, completion_tokens BIGINT,"
                    + " total_tokens BIGINT";
    private static final String BOX =
            "ROW<`left` DOUBLE, `top` DOUBLE, `width` DOUBLE, `height` DOUBLE>";

    private static final Map<InstillTask, String> COLUMNS =
            Map.ofEntries(
                    Map.entry(InstillTask.CLASSIFICATION, "category STRING, score DOUBLE"),
                    Map.entry(
                            InstillTask.DETECTION,
                            "objects ARRAY<ROW<`category` STRING, `score` DOUBLE, `bounding_box` "
                                    + BOX
                                    + ">>"),
                    Map.entry(
                            InstillTask.KEYPOINT,
                            "objects ARRAY<ROW<`score` DOUBLE, `bounding_box` "
                                    + BOX
                                    + ", `keypoints` ARRAY<ROW<`x` DOUBLE, `y` DOUBLE, `v`"
                                    + " DOUBLE>>>>"),
                    Map.entry(
                            InstillTask.OCR,
                            "objects ARRAY<ROW<`text` STRING, `score` DOUBLE, `bounding_box` "
                                    + BOX
                                    + ">>"),
                    Map.entry(
                            InstillTask.INSTANCE_SEGMENTATION,
                            "objects ARRAY<ROW<`category` STRING, `score` DOUBLE, `bounding_box` "
                                    + BOX
                                    + ", `rle` STRING>>"),
                    Map.entry(
                            InstillTask.SEMANTIC_SEGMENTATION,
                            "stuffs ARRAY<ROW<`category` STRING, `rle` STRING>>, image_height INT,"
                                    + " image_width INT"),
                    Map.entry(InstillTask.TEXT_GENERATION, TEXT_COLUMNS),
                    Map.entry(InstillTask.TEXT_GENERATION_CHAT, TEXT_COLUMNS),
                    Map.entry(InstillTask.VISUAL_QUESTION_ANSWERING, TEXT_COLUMNS),
                    Map.entry(InstillTask.CHAT, TEXT_COLUMNS),
                    Map.entry(InstillTask.TEXT_TO_IMAGE, "images ARRAY<BYTES>"),
                    Map.entry(InstillTask.EMBEDDING, "embedding ARRAY<FLOAT>"));

    private static final String TEXT_ROW = "+I[hello, stop, 3, 1, 4]";

    /** The sample result of each task as a row of all its columns, in external form. */
    private static final Map<InstillTask, String> ROWS =
            Map.ofEntries(
                    Map.entry(InstillTask.CLASSIFICATION, "+I[cat, 0.75]"),
                    Map.entry(InstillTask.DETECTION, "+I[[+I[dog, 0.5, +I[1.0, 2.0, 3.0, 4.0]]]]"),
                    Map.entry(
                            InstillTask.KEYPOINT,
                            "+I[[+I[0.9, +I[0.0, 1.0, 4.0, 3.0], [+I[1.0, 2.0, 0.5], +I[3.0, 1.0,"
                                    + " 1.0]]]]]"),
                    Map.entry(InstillTask.OCR, "+I[[+I[STOP, 0.8, +I[5.0, 6.0, 7.0, 8.0]]]]"),
                    Map.entry(
                            InstillTask.INSTANCE_SEGMENTATION,
                            "+I[[+I[cat, 0.9, +I[0.0, 0.0, 4.0, 3.0], 2,3,1,2,4]]]"),
                    Map.entry(
                            InstillTask.SEMANTIC_SEGMENTATION,
                            "+I[[+I[sky, 0,1,1,1,1,1,1,1,1], +I[road, 1,1,1,1,1,1,1,1]], 2, 4]"),
                    Map.entry(InstillTask.TEXT_GENERATION, TEXT_ROW),
                    Map.entry(InstillTask.TEXT_GENERATION_CHAT, TEXT_ROW),
                    Map.entry(InstillTask.VISUAL_QUESTION_ANSWERING, TEXT_ROW),
                    Map.entry(InstillTask.CHAT, TEXT_ROW),
                    Map.entry(
                            InstillTask.TEXT_TO_IMAGE,
                            "+I[[" + java.util.Arrays.toString(TaskSamples.PNG) + "]]"),
                    Map.entry(InstillTask.EMBEDDING, "+I[[1.0, 2.0]]"));

    /** The same with the decoded masks declared. */
    private static final Map<InstillTask, String> MASKED_ROWS =
            Map.of(
                    InstillTask.INSTANCE_SEGMENTATION,
                    "+I[[+I[cat, 0.9, +I[0.0, 0.0, 4.0, 3.0], 2,3,1,2,4, [[false, true, true,"
                            + " false], [false, true, true, false], [true, false, false,"
                            + " false]]]]]",
                    InstillTask.SEMANTIC_SEGMENTATION,
                    "+I[[+I[sky, 0,1,1,1,1,1,1,1,1, [[true, true, true, true], [false, false,"
                            + " false, false]]], +I[road, 1,1,1,1,1,1,1,1, [[false, false, false,"
                            + " false], [true, true, true, true]]]], 2, 4]");

    private static final String CHAT_ARGUMENTS =
            "prompt STRING, image BYTES or STRING (base64 or data URI), system_message STRING,"
                    + " max_new_tokens INT, temperature DOUBLE, seed BIGINT";
    private static final String IMAGE_ARGUMENT = "image BYTES or STRING (base64 or data URI)";

    private static final Map<InstillTask, String> ARGUMENTS =
            Map.ofEntries(
                    Map.entry(InstillTask.CLASSIFICATION, IMAGE_ARGUMENT),
                    Map.entry(InstillTask.DETECTION, IMAGE_ARGUMENT),
                    Map.entry(InstillTask.KEYPOINT, IMAGE_ARGUMENT),
                    Map.entry(InstillTask.OCR, IMAGE_ARGUMENT),
                    Map.entry(InstillTask.INSTANCE_SEGMENTATION, IMAGE_ARGUMENT),
                    Map.entry(InstillTask.SEMANTIC_SEGMENTATION, IMAGE_ARGUMENT),
                    Map.entry(
                            InstillTask.TEXT_GENERATION,
                            "prompt STRING, system_message STRING, max_new_tokens INT,"
                                    + " temperature DOUBLE, seed BIGINT"),
                    Map.entry(InstillTask.TEXT_GENERATION_CHAT, CHAT_ARGUMENTS),
                    Map.entry(InstillTask.VISUAL_QUESTION_ANSWERING, CHAT_ARGUMENTS),
                    Map.entry(InstillTask.CHAT, CHAT_ARGUMENTS),
                    Map.entry(
                            InstillTask.TEXT_TO_IMAGE,
                            "prompt STRING, samples INT, seed BIGINT, negative_prompt STRING,"
                                    + " aspect_ratio STRING"),
                    Map.entry(InstillTask.EMBEDDING, "text STRING"));

    @ParameterizedTest
    @EnumSource(InstillTask.class)
    void theOutputColumnsAreTheDocumentedOnes(InstillTask task) {
        assertThat(TaskOutputSchema.describe(TaskOutputSchema.resultColumns(task)))
                .isEqualTo(COLUMNS.get(task));
        List<String> full = new ArrayList<>(TaskOutputSchema.resultColumns(task).keySet());
        full.addAll(TaskOutputSchema.errorColumns().keySet());
        assertThat(DataType.getFieldNames(TaskOutputSchema.fullRow(task))).isEqualTo(full);
    }

    @ParameterizedTest
    @EnumSource(InstillTask.class)
    void theConverterFillsEveryOutputColumnWithItsDeclaredType(InstillTask task) {
        assertThat(rowOfAllColumns(task, false)).isEqualTo(ROWS.get(task));
        if (MASKED_ROWS.containsKey(task)) {
            assertThat(rowOfAllColumns(task, true)).isEqualTo(MASKED_ROWS.get(task));
        }
    }

    @ParameterizedTest
    @EnumSource(InstillTask.class)
    void theFunctionTakesTheDescribedArgumentsByPosition(InstillTask task) {
        Signature signature =
                new PredictFunctionArguments().getExpectedSignatures(null).get(task.ordinal());
        assertThat(
                        signature.getArguments().stream()
                                .skip(2)
                                .map(a -> a.getName().orElseThrow() + " " + a.getType())
                                .collect(Collectors.joining(", ")))
                .isEqualTo(ARGUMENTS.get(task));
        assertThat(signature.getArguments().get(1).getType()).isEqualTo("'" + task.name() + "'");
    }

    @ParameterizedTest
    @EnumSource(InstillTask.class)
    void aRowOfEveryInputColumnBecomesTheTypedInput(InstillTask task) {
        Map<String, DataType> columns = new LinkedHashMap<>();
        List<Object> values = new ArrayList<>();
        TaskInput expected = inputColumns(task, columns, values);
        RowInputConverter converter = TaskSchemaTest.checkInput(task, columns);

        assertThat(converter.toInput(GenericRowData.of(values.toArray()))).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(InstillTask.class)
    void aNullRequiredImageOrItemNamesItsField(InstillTask task) {
        RowInputConverter converter =
                RowInputConverter.positional(task, 1, GenerationDefaults.from(new Configuration()));
        if (ARGUMENTS.get(task).startsWith("prompt")) {
            assertThat(converter.toInput(new Object[1])).isNotNull();
        } else {
            assertThatThrownBy(() -> converter.toInput(new Object[1]))
                    .isInstanceOfSatisfying(
                            InvalidInputException.class,
                            e ->
                                    assertThat(e.field())
                                            .isEqualTo(
                                                    task == InstillTask.EMBEDDING
                                                            ? "items"
                                                            : "image"))
                    .hasMessageContaining("is required");
        }
    }

    private static String rowOfAllColumns(InstillTask task, boolean masks) {
        List<String> names = new ArrayList<>();
        List<LogicalType> types = new ArrayList<>();
        List<DataTypes.Field> fields = new ArrayList<>();
        TaskOutputSchema.resultColumns(task)
                .forEach(
                        (name, type) -> {
                            DataType declared =
                                    masks && TaskOutputSchema.maskable(task, name)
                                            ? TaskOutputSchema.dataType(
                                                    resultType(task, name), true)
                                            : type;
                            names.add(name);
                            types.add(declared.getLogicalType());
                            fields.add(FIELD(name, declared));
                        });
        ResultRowConverter converter =
                TaskOutputSchema.check("m", task, names, types, FailurePolicy.FAIL);
        RowData row = converter.toRow(TaskSamples.result(task));
        // converting to external objects fails when a value does not fit its declared type
        DataStructureConverter<Object, Object> external =
                DataStructureConverters.getConverter(ROW(fields.toArray(DataTypes.Field[]::new)));
        external.open(TaskDescriptionsSqlTest.class.getClassLoader());
        return String.valueOf(external.toExternalOrNull(row));
    }

    private static ResultType resultType(InstillTask task, String column) {
        return TaskDescriptions.of(task).results().stream()
                .filter(f -> column.equals(f.column()))
                .findFirst()
                .orElseThrow()
                .type();
    }

    /** Fills every INPUT column of the task and returns the typed input they make. */
    private static TaskInput inputColumns(
            InstillTask task, Map<String, DataType> columns, List<Object> values) {
        StringData png = StringData.fromString(TaskSamples.PNG_BASE64);
        switch (task) {
            case TEXT_GENERATION -> {
                put(columns, values, "prompt", STRING(), StringData.fromString("hi"));
                put(columns, values, "system_message", STRING(), StringData.fromString("sys"));
                put(columns, values, "max_new_tokens", BIGINT(), 9L);
                put(columns, values, "temperature", DOUBLE(), 0.5);
                put(columns, values, "seed", INT(), 3);
                return TextGenerationInput.builder()
                        .prompt("hi")
                        .systemMessage("sys")
                        .maxNewTokens(9)
                        .temperature(0.5)
                        .seed(3L)
                        .build();
            }
            case TEXT_GENERATION_CHAT, VISUAL_QUESTION_ANSWERING, CHAT -> {
                put(columns, values, "seed", BIGINT(), 3L);
                put(
                        columns,
                        values,
                        "chat_history",
                        ARRAY(ROW(FIELD("role", STRING()), FIELD("content", STRING()))),
                        new GenericArrayData(
                                new Object[] {
                                    GenericRowData.of(
                                            StringData.fromString("user"),
                                            StringData.fromString("hello"))
                                }));
                put(columns, values, "prompt", STRING(), StringData.fromString("hi"));
                put(
                        columns,
                        values,
                        "prompt_images",
                        ARRAY(STRING()),
                        new GenericArrayData(new Object[] {png}));
                put(columns, values, "system_message", STRING(), StringData.fromString("sys"));
                put(columns, values, "max_new_tokens", INT(), 4);
                put(columns, values, "temperature", DOUBLE(), 0.25);
                return ChatInput.builder()
                        .prompt("hi")
                        .systemMessage("sys")
                        .addPromptImage(TaskSamples.image())
                        .chatHistory(ChatMessage.user("hello"))
                        .maxNewTokens(4)
                        .temperature(0.25)
                        .seed(3L)
                        .build();
            }
            case TEXT_TO_IMAGE -> {
                put(columns, values, "aspect_ratio", STRING(), StringData.fromString("1:1"));
                put(columns, values, "prompt", STRING(), StringData.fromString("fox"));
                put(columns, values, "samples", INT(), 2);
                put(columns, values, "negative_prompt", STRING(), StringData.fromString("neg"));
                put(columns, values, "seed", BIGINT(), 5L);
                return TextToImageInput.builder()
                        .prompt("fox")
                        .samples(2)
                        .seed(5L)
                        .negativePrompt("neg")
                        .aspectRatio("1:1")
                        .build();
            }
            case EMBEDDING -> {
                put(columns, values, "image", STRING(), png);
                return EmbeddingInput.builder()
                        .items(EmbeddingItem.image(TaskSamples.image()))
                        .build();
            }
            default -> {
                put(columns, values, "photo", BYTES(), TaskSamples.PNG);
                return ImageInput.of(TaskSamples.image());
            }
        }
    }

    private static void put(
            Map<String, DataType> columns,
            List<Object> values,
            String name,
            DataType type,
            Object value) {
        columns.put(name, type);
        values.add(value);
    }
}
