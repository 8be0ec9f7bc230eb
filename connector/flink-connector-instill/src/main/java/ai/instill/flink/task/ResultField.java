package ai.instill.flink.task;

import java.util.Objects;
import java.util.function.Function;
import org.apache.flink.annotation.Internal;

/**
 * One field of a typed result as the surfaces show it: its SQL column (or ROW field) name, its JSON
 * key, its type, and the getter that reads it from the result (or from the enclosing object of a
 * nested row).
 *
 * @param <T> the type the getter reads from
 */
@Internal
public final class ResultField<T> {
    private final String column;
    private final String jsonKey;
    private final ResultType type;
    private final Function<? super T, ?> getter;
    private final boolean onDemand;
    private final boolean omittedFromJsonWhenNull;

    private ResultField(
            String column,
            String jsonKey,
            ResultType type,
            Function<? super T, ?> getter,
            boolean onDemand,
            boolean omittedFromJsonWhenNull) {
        if (column == null && jsonKey == null) {
            throw new IllegalArgumentException("a result field needs a column or a JSON key");
        }
        this.column = column;
        this.jsonKey = jsonKey;
        this.type = Objects.requireNonNull(type, "type");
        this.getter = Objects.requireNonNull(getter, "getter");
        this.onDemand = onDemand;
        this.omittedFromJsonWhenNull = omittedFromJsonWhenNull;
    }

    /** A field with an SQL name and a JSON key, which may differ ({@code bounding-box}). */
    public static <T> ResultField<T> of(
            String column, String jsonKey, ResultType type, Function<? super T, ?> getter) {
        return new ResultField<>(
                Objects.requireNonNull(column, "column"),
                Objects.requireNonNull(jsonKey, "jsonKey"),
                type,
                getter,
                false,
                false);
    }

    /** A field with the same name in SQL and JSON. */
    public static <T> ResultField<T> of(
            String name, ResultType type, Function<? super T, ?> getter) {
        return of(name, name, type, getter);
    }

    /** A field that only SQL shows. */
    public static <T> ResultField<T> sqlOnly(
            String column, ResultType type, Function<? super T, ?> getter) {
        return new ResultField<>(
                Objects.requireNonNull(column, "column"), null, type, getter, false, false);
    }

    /** A field that only the JSON shows. */
    public static <T> ResultField<T> jsonOnly(
            String jsonKey, ResultType type, Function<? super T, ?> getter) {
        return new ResultField<>(
                null, Objects.requireNonNull(jsonKey, "jsonKey"), type, getter, false, false);
    }

    /**
     * This field, shown in SQL only when a query declares it (a decoded mask, costly to build); it
     * is not part of the documented columns.
     */
    public ResultField<T> onDemand() {
        return new ResultField<>(column, jsonKey, type, getter, true, omittedFromJsonWhenNull);
    }

    /** This field, left out of the JSON when its value is {@code null} (instead of a JSON null). */
    public ResultField<T> omittedFromJsonWhenNull() {
        return new ResultField<>(column, jsonKey, type, getter, onDemand, true);
    }

    /** The SQL column or ROW field name; {@code null} when only the JSON shows it. */
    public String column() {
        return column;
    }

    /**
     * The JSON key; a dot nests it in an object ({@code usage.total-tokens}); {@code null} when
     * only SQL shows it.
     */
    public String jsonKey() {
        return jsonKey;
    }

    public ResultType type() {
        return type;
    }

    public boolean isOnDemand() {
        return onDemand;
    }

    public boolean isOmittedFromJsonWhenNull() {
        return omittedFromJsonWhenNull;
    }

    /**
     * The field's value read from its owner (the result, or the enclosing value of a nested row),
     * of the Java type its {@link ResultType.Kind} names; {@code null} when unset.
     */
    @SuppressWarnings("unchecked")
    public Object valueOf(Object owner) {
        return ((Function<Object, ?>) getter).apply(owner);
    }

    @Override
    public String toString() {
        return (column != null ? column : jsonKey) + " " + type;
    }
}
