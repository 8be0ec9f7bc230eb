package ai.instill.flink.task;

import com.google.protobuf.ByteString;
import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.List;

/** A small builder for the JSON objects sent on the wire, skipping keys whose value is unset. */
final class WireObject {
    private final Struct.Builder struct = Struct.newBuilder();

    static WireObject create() {
        return new WireObject();
    }

    WireObject put(String key, String value) {
        struct.putFields(key, Value.newBuilder().setStringValue(value).build());
        return this;
    }

    /**
     * Puts text that is already UTF-8 (or ASCII) bytes, such as a large base64 image, without a
     * String copy.
     */
    WireObject put(String key, ByteString utf8) {
        struct.putFields(key, Value.newBuilder().setStringValueBytes(utf8).build());
        return this;
    }

    WireObject put(String key, double value) {
        struct.putFields(key, Value.newBuilder().setNumberValue(value).build());
        return this;
    }

    WireObject put(String key, WireObject value) {
        struct.putFields(key, value.toValue());
        return this;
    }

    WireObject put(String key, List<WireObject> values) {
        ListValue.Builder list = ListValue.newBuilder();
        for (WireObject value : values) {
            list.addValues(value.toValue());
        }
        struct.putFields(key, Value.newBuilder().setListValue(list).build());
        return this;
    }

    /** Puts the text unless it is {@code null}. */
    WireObject putIfSet(String key, String value) {
        return value == null ? this : put(key, value);
    }

    /** Puts the number unless it is {@code null}. */
    WireObject putIfSet(String key, Number value) {
        return value == null ? this : put(key, value.doubleValue());
    }

    Struct toStruct() {
        return struct.build();
    }

    Value toValue() {
        return Value.newBuilder().setStructValue(struct).build();
    }
}
