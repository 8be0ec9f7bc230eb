package ai.instill.flink.server;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.Map;

/**
 * A way to spoil the {@code data} of a task output so that it no longer has the task's shape, for
 * testing that clients refuse such answers instead of passing on a wrong result (see {@link
 * ModelFaults#malformedOutputsNext}).
 *
 * <p>The spoiled field is the first <i>leaf field</i> of {@code data} in depth-first order: a field
 * whose value is a string, number, boolean, null or a list without objects (a list of objects is
 * entered, through its first object).
 */
public enum MalformedOutput {
    /** The first leaf field is removed (e.g. a detection's {@code objects[0].category}). */
    MISSING_FIELD,
    /**
     * The first leaf field gets a value of another type: a string becomes the number 42, anything
     * else a string.
     */
    WRONG_TYPE,
    /**
     * Every {@code rle} mask gets one more run of a million pixels, so that it no longer fits its
     * box (instance segmentation) or image (semantic segmentation). Outputs without a mask are
     * spoiled as {@link #WRONG_TYPE}.
     */
    RLE_OUT_OF_BOX;

    /** The output with its {@code data} spoiled this way. */
    Struct applyTo(Struct output) {
        Value data = output.getFieldsMap().get("data");
        if (data == null || data.getKindCase() != Value.KindCase.STRUCT_VALUE) {
            return output;
        }
        Struct spoiled =
                switch (this) {
                    case MISSING_FIELD -> spoilFirstLeaf(data.getStructValue(), true);
                    case WRONG_TYPE -> spoilFirstLeaf(data.getStructValue(), false);
                    case RLE_OUT_OF_BOX -> {
                        Struct longer = lengthenMasks(data.getStructValue());
                        yield longer.equals(data.getStructValue())
                                ? spoilFirstLeaf(longer, false)
                                : longer;
                    }
                };
        return output.toBuilder()
                .putFields("data", Value.newBuilder().setStructValue(spoiled).build())
                .build();
    }

    /**
     * Removes or retypes the first leaf field; an object without any field is returned unchanged.
     */
    private static Struct spoilFirstLeaf(Struct struct, boolean remove) {
        Struct result = spoilLeafIn(struct, remove);
        return result == null ? struct : result;
    }

    /** The struct with its first leaf spoiled, or null when it holds no leaf. */
    private static Struct spoilLeafIn(Struct struct, boolean remove) {
        for (Map.Entry<String, Value> field : struct.getFieldsMap().entrySet()) {
            Value value = field.getValue();
            if (value.getKindCase() == Value.KindCase.STRUCT_VALUE) {
                Struct inner = spoilLeafIn(value.getStructValue(), remove);
                if (inner != null) {
                    return struct.toBuilder().putFields(field.getKey(), structValue(inner)).build();
                }
            } else if (value.getKindCase() == Value.KindCase.LIST_VALUE
                    && firstObject(value.getListValue()) >= 0) {
                ListValue list = value.getListValue();
                int index = firstObject(list);
                Struct inner = spoilLeafIn(list.getValues(index).getStructValue(), remove);
                if (inner != null) {
                    ListValue changed =
                            list.toBuilder().setValues(index, structValue(inner)).build();
                    return struct.toBuilder()
                            .putFields(
                                    field.getKey(),
                                    Value.newBuilder().setListValue(changed).build())
                            .build();
                }
            } else {
                Struct.Builder builder = struct.toBuilder();
                if (remove) {
                    builder.removeFields(field.getKey());
                } else {
                    builder.putFields(
                            field.getKey(),
                            value.getKindCase() == Value.KindCase.STRING_VALUE
                                    ? Value.newBuilder().setNumberValue(42).build()
                                    : Value.newBuilder().setStringValue("wrong type").build());
                }
                return builder.build();
            }
        }
        return null;
    }

    private static int firstObject(ListValue list) {
        for (int i = 0; i < list.getValuesCount(); i++) {
            if (list.getValues(i).getKindCase() == Value.KindCase.STRUCT_VALUE) {
                return i;
            }
        }
        return -1;
    }

    private static Struct lengthenMasks(Struct struct) {
        Struct.Builder builder = struct.toBuilder();
        for (Map.Entry<String, Value> field : struct.getFieldsMap().entrySet()) {
            Value value = field.getValue();
            if (field.getKey().equals("rle")
                    && value.getKindCase() == Value.KindCase.STRING_VALUE) {
                String rle = value.getStringValue();
                builder.putFields(
                        "rle",
                        Value.newBuilder()
                                .setStringValue(rle.isEmpty() ? "1000000" : rle + ",1000000")
                                .build());
            } else if (value.getKindCase() == Value.KindCase.STRUCT_VALUE) {
                builder.putFields(
                        field.getKey(), structValue(lengthenMasks(value.getStructValue())));
            } else if (value.getKindCase() == Value.KindCase.LIST_VALUE) {
                ListValue.Builder list = value.getListValue().toBuilder();
                for (int i = 0; i < list.getValuesCount(); i++) {
                    if (list.getValues(i).getKindCase() == Value.KindCase.STRUCT_VALUE) {
                        list.setValues(
                                i, structValue(lengthenMasks(list.getValues(i).getStructValue())));
                    }
                }
                builder.putFields(field.getKey(), Value.newBuilder().setListValue(list).build());
            }
        }
        return builder.build();
    }

    private static Value structValue(Struct struct) {
        return Value.newBuilder().setStructValue(struct).build();
    }
}
