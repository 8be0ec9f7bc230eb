package ai.instill.flink;

import ai.instill.flink.error.ErrorCode;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.PojoField;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;

/**
 * Flink's types for the records the operator emits, built from the input stream's type so that
 * every field has its own serializer: nothing falls back to Kryo, which cannot serialize Java
 * records (the connector's, or a user's input type) before Flink 2.0.
 */
final class RecordTypes {
    private RecordTypes() {}

    static <IN> TypeInformation<Enriched<IN>> enriched(TypeInformation<IN> input) {
        return record(
                Enriched.class, Map.of("input", input, "result", TaskResultTypeInfo.INSTANCE));
    }

    static <IN> TypeInformation<DeadLetter<IN>> deadLetter(TypeInformation<IN> input) {
        return record(
                DeadLetter.class,
                Map.of(
                        "input", input,
                        "task", Types.STRING,
                        "model", Types.STRING,
                        "code", Types.ENUM(ErrorCode.class),
                        "message", Types.STRING,
                        "attempts", Types.INT,
                        "failedAtMillis", Types.LONG));
    }

    static <IN, OUT> TypeInformation<InferenceOutcome<IN, OUT>> outcome(
            TypeInformation<OUT> output, TypeInformation<IN> input) {
        return record(
                InferenceOutcome.class, Map.of("output", output, "deadLetter", deadLetter(input)));
    }

    /** A record's type with the given type for each of its components, by name. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <T> TypeInformation<T> record(
            Class<?> type, Map<String, TypeInformation<?>> components) {
        List<PojoField> fields = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            TypeInformation<?> fieldType = components.get(component.getName());
            if (fieldType == null) {
                throw new IllegalStateException(
                        "no type for " + type.getSimpleName() + "." + component.getName());
            }
            try {
                fields.add(new PojoField(type.getDeclaredField(component.getName()), fieldType));
            } catch (NoSuchFieldException e) {
                throw new IllegalStateException(e);
            }
        }
        return (TypeInformation<T>) new PojoTypeInfo(type, fields);
    }
}
