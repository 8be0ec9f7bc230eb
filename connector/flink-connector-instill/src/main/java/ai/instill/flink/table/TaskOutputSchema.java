package ai.instill.flink.table;

import static org.apache.flink.table.api.DataTypes.ARRAY;
import static org.apache.flink.table.api.DataTypes.BIGINT;
import static org.apache.flink.table.api.DataTypes.BOOLEAN;
import static org.apache.flink.table.api.DataTypes.BYTES;
import static org.apache.flink.table.api.DataTypes.DOUBLE;
import static org.apache.flink.table.api.DataTypes.FIELD;
import static org.apache.flink.table.api.DataTypes.FLOAT;
import static org.apache.flink.table.api.DataTypes.INT;
import static org.apache.flink.table.api.DataTypes.ROW;
import static org.apache.flink.table.api.DataTypes.STRING;

import ai.instill.flink.config.FailurePolicy;
import ai.instill.flink.task.InstillTask;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.logical.RowType;

/**
 * The typed columns each task can produce in SQL, and the planning-time check of a declared OUTPUT
 * against them that prints the expected schema when it does not fit.
 */
public final class TaskOutputSchema {
    public static final String ERROR_CODE = "error_code";
    public static final String ERROR_MESSAGE = "error_message";
    public static final String ERROR_ATTEMPTS = "error_attempts";

    static final DataType BOUNDING_BOX =
            ROW(
                    FIELD("left", DOUBLE()),
                    FIELD("top", DOUBLE()),
                    FIELD("width", DOUBLE()),
                    FIELD("height", DOUBLE()));

    /** A decoded mask: rows top to bottom, each row's pixels left to right. */
    static final DataType MASK = ARRAY(ARRAY(BOOLEAN()));

    private TaskOutputSchema() {}

    /** The result columns of a task, in documented order (masks as RLE only). */
    public static Map<String, DataType> resultColumns(InstillTask task) {
        Map<String, DataType> columns = new LinkedHashMap<>();
        switch (task) {
            case CLASSIFICATION -> {
                columns.put("category", STRING());
                columns.put("score", DOUBLE());
            }
            case DETECTION ->
                    columns.put(
                            "objects",
                            ARRAY(
                                    ROW(
                                            FIELD("category", STRING()),
                                            FIELD("score", DOUBLE()),
                                            FIELD("bounding_box", BOUNDING_BOX))));
            case KEYPOINT ->
                    columns.put(
                            "objects",
                            ARRAY(
                                    ROW(
                                            FIELD("score", DOUBLE()),
                                            FIELD("bounding_box", BOUNDING_BOX),
                                            FIELD(
                                                    "keypoints",
                                                    ARRAY(
                                                            ROW(
                                                                    FIELD("x", DOUBLE()),
                                                                    FIELD("y", DOUBLE()),
                                                                    FIELD("v", DOUBLE())))))));
            case OCR ->
                    columns.put(
                            "objects",
                            ARRAY(
                                    ROW(
                                            FIELD("text", STRING()),
                                            FIELD("score", DOUBLE()),
                                            FIELD("bounding_box", BOUNDING_BOX))));
            case INSTANCE_SEGMENTATION -> columns.put("objects", instanceObjects(false));
            case SEMANTIC_SEGMENTATION -> {
                columns.put("stuffs", semanticStuffs(false));
                columns.put("image_height", INT());
                columns.put("image_width", INT());
            }
            case TEXT_GENERATION, TEXT_GENERATION_CHAT, VISUAL_QUESTION_ANSWERING, CHAT -> {
                columns.put("text", STRING());
                columns.put("finish_reason", STRING());
                columns.put("prompt_tokens", BIGINT());
                columns.put("completion_tokens", BIGINT());
                columns.put("total_tokens", BIGINT());
            }
            case TEXT_TO_IMAGE -> columns.put("images", ARRAY(BYTES()));
            case EMBEDDING -> columns.put("embedding", ARRAY(FLOAT()));
        }
        return columns;
    }

    /** The error columns that the ERROR_COLUMNS failure policy fills in. */
    public static Map<String, DataType> errorColumns() {
        Map<String, DataType> columns = new LinkedHashMap<>();
        columns.put(ERROR_CODE, STRING());
        columns.put(ERROR_MESSAGE, STRING());
        columns.put(ERROR_ATTEMPTS, INT());
        return columns;
    }

    /**
     * Every result column plus the error columns, as one ROW: the return type of the SQL function.
     */
    public static DataType fullRow(InstillTask task) {
        List<DataTypes.Field> fields = new ArrayList<>();
        resultColumns(task).forEach((name, type) -> fields.add(FIELD(name, type)));
        errorColumns().forEach((name, type) -> fields.add(FIELD(name, type)));
        return ROW(fields.toArray(DataTypes.Field[]::new));
    }

    static boolean maskable(InstillTask task, String column) {
        return (task == InstillTask.INSTANCE_SEGMENTATION && column.equals("objects"))
                || (task == InstillTask.SEMANTIC_SEGMENTATION && column.equals("stuffs"));
    }

    private static DataType instanceObjects(boolean mask) {
        List<DataTypes.Field> fields =
                new ArrayList<>(
                        List.of(
                                FIELD("category", STRING()),
                                FIELD("score", DOUBLE()),
                                FIELD("bounding_box", BOUNDING_BOX),
                                FIELD("rle", STRING())));
        if (mask) {
            fields.add(FIELD("mask", MASK));
        }
        return ARRAY(ROW(fields.toArray(DataTypes.Field[]::new)));
    }

    private static DataType semanticStuffs(boolean mask) {
        List<DataTypes.Field> fields =
                new ArrayList<>(List.of(FIELD("category", STRING()), FIELD("rle", STRING())));
        if (mask) {
            fields.add(FIELD("mask", MASK));
        }
        return ARRAY(ROW(fields.toArray(DataTypes.Field[]::new)));
    }

    private static DataType masked(InstillTask task, String column) {
        return task == InstillTask.INSTANCE_SEGMENTATION
                ? instanceObjects(true)
                : semanticStuffs(true);
    }

    /**
     * Checks declared OUTPUT columns against the task: a non-empty subset of its result columns in
     * any order, plus the three error columns exactly when the policy is ERROR_COLUMNS. Returns the
     * converter for these columns.
     */
    public static ResultRowConverter check(
            String model,
            InstillTask task,
            List<String> names,
            List<LogicalType> types,
            FailurePolicy policy) {
        Map<String, DataType> results = resultColumns(task);
        Map<String, DataType> errors = errorColumns();
        List<String> problems = new ArrayList<>();
        boolean[] masks = new boolean[names.size()];
        int resultCount = 0;
        int errorCount = 0;
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            LogicalType declared = types.get(i);
            if (errors.containsKey(name)) {
                errorCount++;
                if (policy != FailurePolicy.ERROR_COLUMNS) {
                    problems.add(
                            "column '"
                                    + name
                                    + "' is an error column; declare error columns only with"
                                    + " 'failure-policy' = 'ERROR_COLUMNS'");
                } else if (!matches(declared, errors.get(name).getLogicalType())) {
                    problems.add(mismatch(name, declared, errors.get(name)));
                }
            } else if (results.containsKey(name)) {
                resultCount++;
                if (maskable(task, name)
                        && matches(declared, masked(task, name).getLogicalType())) {
                    masks[i] = true;
                } else if (!matches(declared, results.get(name).getLogicalType())) {
                    problems.add(mismatch(name, declared, results.get(name)));
                }
            } else {
                problems.add("column '" + name + "' is not an output of task " + task);
            }
        }
        if (resultCount == 0) {
            problems.add("no result column is declared");
        }
        if (policy == FailurePolicy.ERROR_COLUMNS && errorCount < errors.size()) {
            problems.add("'failure-policy' = 'ERROR_COLUMNS' needs all three error columns");
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(message(model, task, problems, policy));
        }
        return new ResultRowConverter(task, names.toArray(String[]::new), masks);
    }

    private static String mismatch(String name, LogicalType declared, DataType expected) {
        return "column '"
                + name
                + "' is "
                + declared.asSummaryString()
                + ", expected "
                + expected.getLogicalType().asSummaryString();
    }

    private static String message(
            String model, InstillTask task, List<String> problems, FailurePolicy policy) {
        StringBuilder text =
                new StringBuilder("The OUTPUT of model ")
                        .append(model)
                        .append(" does not fit task ")
                        .append(task)
                        .append(":\n");
        problems.forEach(p -> text.append("  - ").append(p).append('\n'));
        text.append("Expected OUTPUT for task ")
                .append(task)
                .append(" (declare any of these columns, in any order):\n  ")
                .append(describe(resultColumns(task)));
        if (task == InstillTask.INSTANCE_SEGMENTATION
                || task == InstillTask.SEMANTIC_SEGMENTATION) {
            text.append("\n  (each mask row may also declare `mask` ")
                    .append(MASK.getLogicalType().asSummaryString())
                    .append(" after `rle` for the decoded mask)");
        }
        text.append(
                        policy == FailurePolicy.ERROR_COLUMNS
                                ? "\nplus the error columns:\n  "
                                : "\nWith 'failure-policy' = 'ERROR_COLUMNS' also:\n  ")
                .append(describe(errorColumns()));
        return text.toString();
    }

    static String describe(Map<String, DataType> columns) {
        return columns.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue().getLogicalType().asSummaryString())
                .collect(Collectors.joining(", "));
    }

    /**
     * Type equality that ignores nullability and string/binary lengths; nested ROW field names must
     * match.
     */
    static boolean matches(LogicalType declared, LogicalType expected) {
        LogicalTypeRoot root = expected.getTypeRoot();
        if (root == LogicalTypeRoot.VARCHAR || root == LogicalTypeRoot.VARBINARY) {
            return declared.getTypeRoot() == root;
        }
        if (root == LogicalTypeRoot.ARRAY) {
            return declared instanceof ArrayType array
                    && matches(array.getElementType(), ((ArrayType) expected).getElementType());
        }
        if (root == LogicalTypeRoot.ROW) {
            if (!(declared instanceof RowType row)) {
                return false;
            }
            RowType want = (RowType) expected;
            if (row.getFieldCount() != want.getFieldCount()) {
                return false;
            }
            for (int i = 0; i < want.getFieldCount(); i++) {
                if (!row.getFieldNames().get(i).equals(want.getFieldNames().get(i))
                        || !matches(row.getTypeAt(i), want.getTypeAt(i))) {
                    return false;
                }
            }
            return true;
        }
        return declared.copy(true).equals(expected.copy(true));
    }
}
