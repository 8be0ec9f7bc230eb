package ai.instill.flink.task;

import java.util.List;
import java.util.Objects;
import org.apache.flink.annotation.Internal;

/**
 * One input field of a task: its name in snake_case (the typed input's field, the SQL column and
 * the JSON field, and the name that validation errors give), the kind of value it holds, whether it
 * is required, and on which surfaces it appears.
 *
 * @param <T> the Java type of its value
 */
@Internal
public final class InputField<T> {
    private final String name;
    private final InputKind kind;
    private final boolean required;
    private final boolean sqlColumn;
    private final boolean jsonField;

    private InputField(
            String name, InputKind kind, boolean required, boolean sqlColumn, boolean jsonField) {
        this.name = Objects.requireNonNull(name, "name");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.required = required;
        this.sqlColumn = sqlColumn;
        this.jsonField = jsonField;
    }

    private static <T> InputField<T> of(String name, InputKind kind) {
        return new InputField<>(name, kind, false, true, true);
    }

    public static InputField<String> text(String name) {
        return of(name, InputKind.TEXT);
    }

    public static InputField<Integer> integer(String name) {
        return of(name, InputKind.INTEGER);
    }

    public static InputField<Long> whole(String name) {
        return of(name, InputKind.LONG);
    }

    public static InputField<Double> decimal(String name) {
        return of(name, InputKind.DECIMAL);
    }

    public static InputField<Image> image(String name) {
        return of(name, InputKind.IMAGE);
    }

    public static InputField<List<Image>> images(String name) {
        return of(name, InputKind.IMAGES);
    }

    public static InputField<List<ChatMessage>> chatHistory(String name) {
        return of(name, InputKind.CHAT_HISTORY);
    }

    public static InputField<List<EmbeddingItem>> embeddingItems(String name) {
        return of(name, InputKind.EMBEDDING_ITEMS);
    }

    /** This field, required: every input must give it. */
    public InputField<T> required() {
        return new InputField<>(name, kind, true, sqlColumn, jsonField);
    }

    /** This field without an SQL column or function argument: SQL sets it by model option only. */
    public InputField<T> withoutSqlColumn() {
        return new InputField<>(name, kind, required, false, jsonField);
    }

    /** This field without a JSON field: a JSON record (the Kafka job) cannot set it. */
    public InputField<T> withoutJsonField() {
        return new InputField<>(name, kind, required, sqlColumn, false);
    }

    /** The snake_case name, for example {@code system_message}. */
    public String name() {
        return name;
    }

    public InputKind kind() {
        return kind;
    }

    public boolean isRequired() {
        return required;
    }

    /**
     * Whether an SQL INPUT column (or function argument) may give it; otherwise only the model
     * option of the same meaning does.
     */
    public boolean isSqlColumn() {
        return sqlColumn;
    }

    /** Whether a JSON record (the Kafka job's input) may give it. */
    public boolean isJsonField() {
        return jsonField;
    }

    @Override
    public String toString() {
        return name + " " + kind + (required ? " (required)" : "");
    }
}
