package ai.instill.flink.table;

import ai.instill.flink.task.InstillTask;
import java.util.List;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeFamily;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.logical.RowType;

/**
 * What an INPUT column (or a function argument) feeds into a task's typed input, with the SQL types
 * it accepts.
 */
enum InputRole {
    IMAGE("image", "BYTES or STRING (base64 or data URI)"),
    PROMPT("prompt", "STRING"),
    SYSTEM_MESSAGE("system_message", "STRING"),
    CHAT_HISTORY("chat_history", "ARRAY<ROW<role STRING, content STRING>>"),
    PROMPT_IMAGES("prompt_images", "ARRAY<BYTES> or ARRAY<STRING>"),
    MAX_NEW_TOKENS("max_new_tokens", "INT"),
    TEMPERATURE("temperature", "DOUBLE"),
    SEED("seed", "BIGINT"),
    SAMPLES("samples", "INT"),
    NEGATIVE_PROMPT("negative_prompt", "STRING"),
    ASPECT_RATIO("aspect_ratio", "STRING"),
    TEXT("text", "STRING");

    private final String column;
    private final String sqlType;

    InputRole(String column, String sqlType) {
        this.column = column;
        this.sqlType = sqlType;
    }

    /** The INPUT column name that takes this role. */
    String column() {
        return column;
    }

    String describe() {
        return column + " " + sqlType;
    }

    /**
     * The named INPUT columns a task accepts; vision tasks and embedding take one column of any
     * name instead.
     */
    static List<InputRole> named(InstillTask task) {
        return switch (task) {
            case TEXT_GENERATION ->
                    List.of(PROMPT, SYSTEM_MESSAGE, MAX_NEW_TOKENS, TEMPERATURE, SEED);
            case TEXT_GENERATION_CHAT, VISUAL_QUESTION_ANSWERING, CHAT ->
                    List.of(
                            PROMPT,
                            PROMPT_IMAGES,
                            SYSTEM_MESSAGE,
                            CHAT_HISTORY,
                            MAX_NEW_TOKENS,
                            TEMPERATURE,
                            SEED);
            case TEXT_TO_IMAGE -> List.of(PROMPT, SAMPLES, SEED, NEGATIVE_PROMPT, ASPECT_RATIO);
            default -> List.of();
        };
    }

    /** The positional arguments of the SQL function after model name and task. */
    static List<InputRole> positional(InstillTask task) {
        return switch (task) {
            case TEXT_GENERATION ->
                    List.of(PROMPT, SYSTEM_MESSAGE, MAX_NEW_TOKENS, TEMPERATURE, SEED);
            case TEXT_GENERATION_CHAT, VISUAL_QUESTION_ANSWERING, CHAT ->
                    List.of(PROMPT, IMAGE, SYSTEM_MESSAGE, MAX_NEW_TOKENS, TEMPERATURE, SEED);
            case TEXT_TO_IMAGE -> List.of(PROMPT, SAMPLES, SEED, NEGATIVE_PROMPT, ASPECT_RATIO);
            case EMBEDDING -> List.of(TEXT);
            default -> List.of(IMAGE);
        };
    }

    boolean accepts(LogicalType type) {
        return switch (this) {
            case IMAGE -> isText(type) || isBinary(type);
            case MAX_NEW_TOKENS, SEED, SAMPLES -> type.is(LogicalTypeFamily.INTEGER_NUMERIC);
            case TEMPERATURE -> type.is(LogicalTypeFamily.NUMERIC);
            case CHAT_HISTORY ->
                    type instanceof ArrayType array
                            && array.getElementType() instanceof RowType row
                            && row.getFieldNames().equals(List.of("role", "content"))
                            && isText(row.getTypeAt(0))
                            && isText(row.getTypeAt(1));
            case PROMPT_IMAGES ->
                    type instanceof ArrayType array
                            && (isText(array.getElementType()) || isBinary(array.getElementType()));
            case TEXT -> isText(type) || isBinary(type);
            default -> isText(type);
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
