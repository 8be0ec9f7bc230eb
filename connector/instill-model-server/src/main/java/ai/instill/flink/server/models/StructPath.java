package ai.instill.flink.server.models;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.Optional;

/**
 * Reads nested fields of a task input Struct by key path, e.g. {@code ("parameter", "max-tokens")}.
 */
public final class StructPath {

    private StructPath() {}

    /** The value at the key path, if every step exists and every step but the last is an object. */
    public static Optional<Value> find(Struct root, String... keys) {
        Struct current = root;
        for (int i = 0; i < keys.length; i++) {
            Value value = current.getFieldsMap().get(keys[i]);
            if (value == null) {
                return Optional.empty();
            }
            if (i == keys.length - 1) {
                return Optional.of(value);
            }
            if (value.getKindCase() != Value.KindCase.STRUCT_VALUE) {
                return Optional.empty();
            }
            current = value.getStructValue();
        }
        return Optional.of(Value.newBuilder().setStructValue(root).build());
    }

    /** The string at the key path, or {@code fallback} when absent or not a string. */
    public static String string(Struct root, String fallback, String... keys) {
        return find(root, keys)
                .filter(value -> value.getKindCase() == Value.KindCase.STRING_VALUE)
                .map(Value::getStringValue)
                .orElse(fallback);
    }

    /** The number at the key path, or {@code fallback} when absent or not a number. */
    public static double number(Struct root, double fallback, String... keys) {
        return find(root, keys)
                .filter(value -> value.getKindCase() == Value.KindCase.NUMBER_VALUE)
                .map(Value::getNumberValue)
                .orElse(fallback);
    }

    /**
     * The integral number at the key path as a long, or {@code fallback} when absent or not a
     * number.
     */
    public static long integer(Struct root, long fallback, String... keys) {
        return Math.round(number(root, fallback, keys));
    }
}
