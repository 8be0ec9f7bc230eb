package ai.instill.flink.table;

import ai.instill.flink.task.InputKind;
import java.util.List;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeFamily;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.logical.RowType;

/** The SQL types an INPUT column or a function argument of each input kind accepts. */
final class SqlInputTypes {

    private SqlInputTypes() {}

    /** Whether a column of this type can give a value of this kind. */
    static boolean accepts(InputKind kind, LogicalType type) {
        return switch (kind) {
            case TEXT -> isText(type);
            case INTEGER, LONG -> type.is(LogicalTypeFamily.INTEGER_NUMERIC);
            case DECIMAL -> type.is(LogicalTypeFamily.NUMERIC);
            case IMAGE -> isText(type) || isBinary(type);
            case IMAGES ->
                    type instanceof ArrayType array
                            && (isText(array.getElementType()) || isBinary(array.getElementType()));
            case CHAT_HISTORY ->
                    type instanceof ArrayType array
                            && array.getElementType() instanceof RowType row
                            && row.getFieldNames().equals(List.of("role", "content"))
                            && isText(row.getTypeAt(0))
                            && isText(row.getTypeAt(1));
            // one item per row: a text, or an image as BYTES
            case EMBEDDING_ITEMS -> isText(type) || isBinary(type);
        };
    }

    /** The accepted types as the error messages and the function signatures show them. */
    static String describe(InputKind kind) {
        return switch (kind) {
            case TEXT, EMBEDDING_ITEMS -> "STRING";
            case INTEGER -> "INT";
            case LONG -> "BIGINT";
            case DECIMAL -> "DOUBLE";
            case IMAGE -> "BYTES or STRING (base64 or data URI)";
            case IMAGES -> "ARRAY<BYTES> or ARRAY<STRING>";
            case CHAT_HISTORY -> "ARRAY<ROW<role STRING, content STRING>>";
        };
    }

    static boolean isText(LogicalType type) {
        return type.is(LogicalTypeFamily.CHARACTER_STRING);
    }

    static boolean isBinary(LogicalType type) {
        return type.is(LogicalTypeFamily.BINARY_STRING);
    }

    static boolean isBinaryArray(LogicalType type) {
        return type.getTypeRoot() == LogicalTypeRoot.ARRAY
                && isBinary(((ArrayType) type).getElementType());
    }
}
