package ai.instill.flink;

import ai.instill.flink.task.TaskResult;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Flink's type for a model's typed result, served by {@link TaskResultSerializer}. */
@Internal
public final class TaskResultTypeInfo extends TypeInformation<TaskResult> {
    private static final long serialVersionUID = 1L;

    public static final TaskResultTypeInfo INSTANCE = new TaskResultTypeInfo();

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<TaskResult> getTypeClass() {
        return TaskResult.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    /** The serializer, on Flink 2.x (where this is the only factory method). */
    public TypeSerializer<TaskResult> createSerializer(SerializerConfig config) {
        return TaskResultSerializer.INSTANCE;
    }

    /** The serializer, on Flink 1.20 (where this is the abstract factory method). */
    public TypeSerializer<TaskResult> createSerializer(ExecutionConfig config) {
        return TaskResultSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "TaskResult";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TaskResultTypeInfo;
    }

    @Override
    public int hashCode() {
        return TaskResultTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object other) {
        return other instanceof TaskResultTypeInfo;
    }
}
