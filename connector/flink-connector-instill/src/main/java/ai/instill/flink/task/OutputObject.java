package ai.instill.flink.task;

import ai.instill.flink.error.ErrorCode;
import ai.instill.flink.error.InstillModelException;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A JSON object of a task output that knows its path, with typed getters that fail as
 * MALFORMED_OUTPUT naming the path and the problem (e.g. {@code data.objects[2].score: expected a
 * number, got string}).
 */
final class OutputObject {
    private final Struct struct;

    /**
     * Where this object sits, kept as links and spelled out only for an error message: decoding
     * builds no paths.
     */
    private final OutputObject parent;

    private final String key;
    private final int index;

    private OutputObject(Struct struct, OutputObject parent, String key, int index) {
        this.struct = struct;
        this.parent = parent;
        this.key = key;
        this.index = index;
    }

    /** The whole task output. */
    static OutputObject root(Struct output) {
        if (output == null) {
            throw malformed("task_output", "missing (expected an object)");
        }
        return new OutputObject(output, null, null, -1);
    }

    static InstillModelException malformed(String path, String problem) {
        return new InstillModelException(ErrorCode.MALFORMED_OUTPUT, path + ": " + problem);
    }

    /** This object's path, e.g. {@code data.objects[2]}; empty for the root. */
    String path() {
        if (parent == null) {
            return "";
        }
        String at = parent.path(key);
        return index < 0 ? at : at + "[" + index + "]";
    }

    String path(String key) {
        String path = path();
        return path.isEmpty() ? key : path + "." + key;
    }

    boolean has(String key) {
        Value value = struct.getFieldsMap().get(key);
        return value != null && value.getKindCase() != Value.KindCase.NULL_VALUE;
    }

    OutputObject object(String key) {
        return asObject(require(key, "an object"), key, -1);
    }

    /** The object under {@code key}, or empty when the key is absent or null. */
    Optional<OutputObject> optionalObject(String key) {
        return has(key) ? Optional.of(object(key)) : Optional.empty();
    }

    /** The list of objects under {@code key}; may be empty. */
    List<OutputObject> objects(String key) {
        List<Value> values = list(key);
        List<OutputObject> objects = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            objects.add(asObject(values.get(i), key, i));
        }
        return objects;
    }

    /** The list of objects under {@code key}, which must have at least one element. */
    List<OutputObject> nonEmptyObjects(String key) {
        List<OutputObject> objects = objects(key);
        if (objects.isEmpty()) {
            throw malformed(path(key), "expected at least one element, got an empty array");
        }
        return objects;
    }

    String string(String key) {
        Value value = require(key, "a string");
        if (value.getKindCase() != Value.KindCase.STRING_VALUE) {
            throw malformed(path(key), "expected a string, got " + kind(value));
        }
        return value.getStringValue();
    }

    double number(String key) {
        return asNumber(require(key, "a number"), key, -1);
    }

    long integer(String key) {
        double number = asNumber(require(key, "an integer"), key, -1);
        if (number != Math.rint(number) || Math.abs(number) >= 0x1p63) {
            throw malformed(path(key), "expected an integer, got " + number);
        }
        return (long) number;
    }

    /** The array of numbers under {@code key}, narrowed to floats. */
    float[] floats(String key) {
        List<Value> values = list(key);
        float[] floats = new float[values.size()];
        for (int i = 0; i < floats.length; i++) {
            floats[i] = (float) asNumber(values.get(i), key, i);
        }
        return floats;
    }

    private List<Value> list(String key) {
        Value value = require(key, "an array");
        if (value.getKindCase() != Value.KindCase.LIST_VALUE) {
            throw malformed(path(key), "expected an array, got " + kind(value));
        }
        return value.getListValue().getValuesList();
    }

    private Value require(String key, String expected) {
        Value value = struct.getFieldsMap().get(key);
        if (value == null) {
            throw malformed(path(key), "missing (expected " + expected + ")");
        }
        return value;
    }

    /** The value under {@code key} (element {@code index} of it when not negative) as an object. */
    private OutputObject asObject(Value value, String key, int index) {
        if (value.getKindCase() != Value.KindCase.STRUCT_VALUE) {
            throw malformed(at(key, index), "expected an object, got " + kind(value));
        }
        return new OutputObject(value.getStructValue(), this, key, index);
    }

    private double asNumber(Value value, String key, int index) {
        if (value.getKindCase() != Value.KindCase.NUMBER_VALUE) {
            throw malformed(at(key, index), "expected a number, got " + kind(value));
        }
        double number = value.getNumberValue();
        if (!Double.isFinite(number)) {
            throw malformed(at(key, index), "expected a finite number, got " + number);
        }
        return number;
    }

    private String at(String key, int index) {
        return index < 0 ? path(key) : path(key) + "[" + index + "]";
    }

    private static String kind(Value value) {
        switch (value.getKindCase()) {
            case NULL_VALUE:
                return "null";
            case NUMBER_VALUE:
                return "number";
            case STRING_VALUE:
                return "string";
            case BOOL_VALUE:
                return "boolean";
            case STRUCT_VALUE:
                return "object";
            case LIST_VALUE:
                return "array";
            default:
                return "an empty value";
        }
    }
}
