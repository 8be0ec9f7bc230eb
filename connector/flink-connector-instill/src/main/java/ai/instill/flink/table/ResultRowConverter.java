package ai.instill.flink.table;

import ai.instill.flink.error.InstillModelException;
import ai.instill.flink.task.BinaryMask;
import ai.instill.flink.task.Image;
import ai.instill.flink.task.InstillTask;
import ai.instill.flink.task.ResultField;
import ai.instill.flink.task.ResultType;
import ai.instill.flink.task.TaskDescription;
import ai.instill.flink.task.TaskDescriptions;
import ai.instill.flink.task.TaskResult;
import java.io.Serializable;
import java.util.List;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;

/**
 * Turns a typed result into a row of the declared OUTPUT columns (Flink's internal data
 * structures), reading each column with its result field of the task's description, or a failure
 * into a row with empty results and the error columns filled in.
 */
final class ResultRowConverter implements Serializable {
    private static final long serialVersionUID = 1L;

    private final InstillTask task;
    private final String[] columns;

    /** Per column: whether its rows also carry the on-demand fields (the decoded mask). */
    private final boolean[] masks;

    /** Per column: its result field, or {@code null} for an error column. */
    private transient ResultField<?>[] fields;

    ResultRowConverter(InstillTask task, String[] columns, boolean[] masks) {
        this.task = task;
        this.columns = columns.clone();
        this.masks = masks.clone();
    }

    public InstillTask task() {
        return task;
    }

    public RowData toRow(TaskResult result) {
        TaskDescription<?, ?> description = TaskDescriptions.of(task);
        if (!description.resultType().isInstance(result)) {
            throw new IllegalStateException(
                    "unexpected result type " + result.getClass().getName());
        }
        if (fields == null) {
            fields = fields(description);
        }
        GenericRowData row = new GenericRowData(columns.length);
        for (int i = 0; i < columns.length; i++) {
            if (fields[i] != null) {
                row.setField(i, internal(fields[i].type(), fields[i].valueOf(result), masks[i]));
            }
        }
        return row;
    }

    private ResultField<?>[] fields(TaskDescription<?, ?> description) {
        ResultField<?>[] byColumn = new ResultField<?>[columns.length];
        for (int i = 0; i < columns.length; i++) {
            for (ResultField<?> field : description.results()) {
                if (columns[i].equals(field.column())) {
                    byColumn[i] = field;
                }
            }
        }
        return byColumn;
    }

    public RowData errorRow(InstillModelException failure, int attempts) {
        GenericRowData row = new GenericRowData(columns.length);
        for (int i = 0; i < columns.length; i++) {
            switch (columns[i]) {
                case TaskOutputSchema.ERROR_CODE ->
                        row.setField(i, StringData.fromString(failure.code().name()));
                case TaskOutputSchema.ERROR_MESSAGE ->
                        row.setField(i, StringData.fromString(failure.reason()));
                case TaskOutputSchema.ERROR_ATTEMPTS -> row.setField(i, attempts);
                default -> row.setField(i, null);
            }
        }
        return row;
    }

    /**
     * A result value as Flink's internal data of the column type {@link TaskOutputSchema} gives the
     * same result type; {@code onDemand}: rows also carry their on-demand fields.
     */
    static Object internal(ResultType type, Object value, boolean onDemand) {
        if (value == null) {
            return null;
        }
        return switch (type.kind()) {
            case STRING -> StringData.fromString((String) value);
            case DOUBLE, INT, BIGINT -> value;
            case IMAGE -> ((Image) value).bytes();
            case VECTOR -> new GenericArrayData((float[]) value);
            case MASK -> mask((BinaryMask) value);
            case ARRAY -> {
                List<?> items = (List<?>) value;
                Object[] out = new Object[items.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = internal(type.element(), items.get(i), onDemand);
                }
                yield new GenericArrayData(out);
            }
            case ROW -> {
                List<ResultField<?>> fields = TaskOutputSchema.sqlFields(type, onDemand);
                GenericRowData row = new GenericRowData(fields.size());
                for (int i = 0; i < fields.size(); i++) {
                    ResultField<?> field = fields.get(i);
                    row.setField(i, internal(field.type(), field.valueOf(value), onDemand));
                }
                yield row;
            }
        };
    }

    /** Rows top to bottom, each a row of pixels left to right. */
    static GenericArrayData mask(BinaryMask mask) {
        Object[] rows = new Object[mask.height()];
        for (int y = 0; y < mask.height(); y++) {
            boolean[] row = new boolean[mask.width()];
            for (int x = 0; x < mask.width(); x++) {
                row[x] = mask.get(x, y);
            }
            rows[y] = new GenericArrayData(row);
        }
        return new GenericArrayData(rows);
    }
}
