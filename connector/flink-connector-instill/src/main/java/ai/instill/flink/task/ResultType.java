package ai.instill.flink.task;

import java.util.List;
import java.util.Objects;
import org.apache.flink.annotation.Internal;

/**
 * The type of a result field, independent of any surface: SQL maps it to a column type, the Kafka
 * job to a JSON value. Each kind says which Java value a field's getter returns.
 */
@Internal
public final class ResultType {

    /** The kinds of result values, with the Java value a getter returns for each. */
    public enum Kind {
        /** {@code String}; SQL {@code STRING}. */
        STRING,
        /** {@code Double}; SQL {@code DOUBLE}. */
        DOUBLE,
        /** {@code Integer}; SQL {@code INT}. */
        INT,
        /** {@code Long}; SQL {@code BIGINT}. */
        BIGINT,
        /** {@link Image}; SQL {@code BYTES} (the file), JSON a data URI. */
        IMAGE,
        /** {@code float[]}; SQL {@code ARRAY<FLOAT>}, JSON an array of numbers. */
        VECTOR,
        /** {@link BinaryMask}; SQL {@code ARRAY<ARRAY<BOOLEAN>>}, rows top to bottom. */
        MASK,
        /** {@code List} of the {@link #element()} type. */
        ARRAY,
        /** An object whose {@link #fields()} read its parts; SQL {@code ROW}, JSON an object. */
        ROW
    }

    public static final ResultType STRING = new ResultType(Kind.STRING, null, List.of());
    public static final ResultType DOUBLE = new ResultType(Kind.DOUBLE, null, List.of());
    public static final ResultType INT = new ResultType(Kind.INT, null, List.of());
    public static final ResultType BIGINT = new ResultType(Kind.BIGINT, null, List.of());
    public static final ResultType IMAGE = new ResultType(Kind.IMAGE, null, List.of());
    public static final ResultType VECTOR = new ResultType(Kind.VECTOR, null, List.of());
    public static final ResultType MASK = new ResultType(Kind.MASK, null, List.of());

    private final Kind kind;
    private final ResultType element;
    private final List<ResultField<?>> fields;

    private ResultType(Kind kind, ResultType element, List<ResultField<?>> fields) {
        this.kind = kind;
        this.element = element;
        this.fields = fields;
    }

    /** A list of values of the given type. */
    public static ResultType arrayOf(ResultType element) {
        return new ResultType(Kind.ARRAY, Objects.requireNonNull(element, "element"), List.of());
    }

    /** An object read by the given fields, in order. */
    @SafeVarargs
    public static <T> ResultType rowOf(ResultField<T>... fields) {
        return new ResultType(Kind.ROW, null, List.of(fields));
    }

    public Kind kind() {
        return kind;
    }

    /** The element type of an {@link Kind#ARRAY}; {@code null} for the other kinds. */
    public ResultType element() {
        return element;
    }

    /** The fields of a {@link Kind#ROW}; empty for the other kinds. */
    public List<ResultField<?>> fields() {
        return fields;
    }

    /** Whether a field at any depth of this type is {@link ResultField#isOnDemand() on demand}. */
    public boolean hasOnDemandFields() {
        return switch (kind) {
            case ARRAY -> element.hasOnDemandFields();
            case ROW ->
                    fields.stream().anyMatch(f -> f.isOnDemand() || f.type().hasOnDemandFields());
            default -> false;
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case ARRAY -> "ARRAY<" + element + ">";
            case ROW -> "ROW" + fields;
            default -> kind.name();
        };
    }
}
