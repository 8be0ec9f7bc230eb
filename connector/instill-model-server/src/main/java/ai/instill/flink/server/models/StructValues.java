package ai.instill.flink.server.models;

import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.Map;

/**
 * Builds protobuf {@link Struct}/{@link Value} trees from plain Java values (strings, numbers,
 * booleans, lists, maps).
 */
public final class StructValues {

    private StructValues() {}

    /** A Struct from alternating keys and values: {@code struct("type", "text", "text", "hi")}. */
    public static Struct struct(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("struct(...) needs key/value pairs");
        }
        Struct.Builder builder = Struct.newBuilder();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            builder.putFields((String) keysAndValues[i], value(keysAndValues[i + 1]));
        }
        return builder.build();
    }

    /** A list Value of the given elements. */
    public static Value list(Iterable<?> elements) {
        ListValue.Builder list = ListValue.newBuilder();
        for (Object element : elements) {
            list.addValues(value(element));
        }
        return Value.newBuilder().setListValue(list).build();
    }

    /**
     * Converts a Java value (null, String, Number, Boolean, Struct, Value, Map, Iterable) into a
     * Value.
     */
    public static Value value(Object object) {
        if (object == null) {
            return Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
        }
        if (object instanceof Value value) {
            return value;
        }
        if (object instanceof Struct struct) {
            return Value.newBuilder().setStructValue(struct).build();
        }
        if (object instanceof String string) {
            return Value.newBuilder().setStringValue(string).build();
        }
        if (object instanceof Number number) {
            return Value.newBuilder().setNumberValue(number.doubleValue()).build();
        }
        if (object instanceof Boolean bool) {
            return Value.newBuilder().setBoolValue(bool).build();
        }
        if (object instanceof Map<?, ?> map) {
            Struct.Builder builder = Struct.newBuilder();
            map.forEach((key, element) -> builder.putFields(String.valueOf(key), value(element)));
            return Value.newBuilder().setStructValue(builder).build();
        }
        if (object instanceof Iterable<?> iterable) {
            return list(iterable);
        }
        throw new IllegalArgumentException(
                "cannot turn a " + object.getClass().getName() + " into a protobuf Value");
    }
}
