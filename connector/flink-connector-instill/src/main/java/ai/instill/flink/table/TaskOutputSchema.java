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
import ai.instill.flink.task.ResultField;
import ai.instill.flink.task.ResultType;
import ai.instill.flink.task.TaskDescriptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
final class TaskOutputSchema {
    public static final String ERROR_CODE = "error_code";
    public static final String ERROR_MESSAGE = "error_message";
    public static final String ERROR_ATTEMPTS = "error_attempts";

    /** A decoded mask: rows top to bottom, each row's pixels left to right. */
    static final DataType MASK = ARRAY(ARRAY(BOOLEAN()));

    static final DataType BOUNDING_BOX = dataType(TaskDescriptions.BOUNDING_BOX, false);

    private TaskOutputSchema() {}

    /**
     * The result columns of a task, in documented order (masks as RLE only): its result fields that
     * SQL shows.
     */
    public static Map<String, DataType> resultColumns(InstillTask task) {
        Map<String, DataType> columns = new LinkedHashMap<>();
        for (ResultField<?> field : TaskDescriptions.of(task).results()) {
            if (field.column() != null) {
                columns.put(field.column(), dataType(field.type(), false));
            }
        }
        return columns;
    }

    /**
     * The SQL type of a result type; {@code onDemand}: with the fields shown only when declared
     * (decoded masks).
     */
    static DataType dataType(ResultType type, boolean onDemand) {
        return switch (type.kind()) {
            case STRING -> STRING();
            case DOUBLE -> DOUBLE();
            case INT -> INT();
            case BIGINT -> BIGINT();
            case IMAGE -> BYTES();
            case VECTOR -> ARRAY(FLOAT());
            case MASK -> MASK;
            case ARRAY -> ARRAY(dataType(type.element(), onDemand));
            case ROW ->
                    ROW(
                            sqlFields(type, onDemand).stream()
                                    .map(f -> FIELD(f.column(), dataType(f.type(), onDemand)))
                                    .toArray(DataTypes.Field[]::new));
        };
    }

    /** The fields of a ROW type that SQL shows, with or without the on-demand ones. */
    static List<ResultField<?>> sqlFields(ResultType row, boolean onDemand) {
        return row.fields().stream()
                .filter(f -> f.column() != null && (onDemand || !f.isOnDemand()))
                .toList();
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

    /** Whether a column may also be declared with its on-demand fields (decoded masks). */
    static boolean maskable(InstillTask task, String column) {
        return field(task, column).type().hasOnDemandFields();
    }

    private static DataType masked(InstillTask task, String column) {
        return dataType(field(task, column).type(), true);
    }

    private static ResultField<?> field(InstillTask task, String column) {
        return TaskDescriptions.of(task).results().stream()
                .filter(f -> column.equals(f.column()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(task + " has no column " + column));
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
        onDemandHint(task).ifPresent(text::append);
        text.append(
                        policy == FailurePolicy.ERROR_COLUMNS
                                ? "\nplus the error columns:\n  "
                                : "\nWith 'failure-policy' = 'ERROR_COLUMNS' also:\n  ")
                .append(describe(errorColumns()));
        return text.toString();
    }

    /** How to declare the first on-demand field of the task's rows, if it has one. */
    private static Optional<String> onDemandHint(InstillTask task) {
        for (ResultField<?> column : TaskDescriptions.of(task).results()) {
            ResultType type = column.type();
            while (type.kind() == ResultType.Kind.ARRAY) {
                type = type.element();
            }
            String previous = null;
            for (ResultField<?> field : type.fields()) {
                if (field.isOnDemand() && field.column() != null) {
                    return Optional.of(
                            "\n  (each mask row may also declare `"
                                    + field.column()
                                    + "` "
                                    + dataType(field.type(), true)
                                            .getLogicalType()
                                            .asSummaryString()
                                    + " after `"
                                    + previous
                                    + "` for the decoded mask)");
                }
                if (field.column() != null) {
                    previous = field.column();
                }
            }
        }
        return Optional.empty();
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
