package ai.instill.flink;

import ai.instill.flink.task.TaskResult;
import java.io.IOException;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.util.InstantiationUtil;

/**
 * Serializes a model's typed result with Java serialization (every result type is a {@link
 * java.io.Serializable} record) and shares it instead of copying it, because results are values
 * that nothing changes: no Kryo, which cannot serialize Java records before Flink 2.0.
 */
@Internal
public final class TaskResultSerializer extends TypeSerializerSingleton<TaskResult> {
    private static final long serialVersionUID = 1L;

    public static final TaskResultSerializer INSTANCE = new TaskResultSerializer();

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public TaskResult createInstance() {
        return null;
    }

    @Override
    public TaskResult copy(TaskResult from) {
        return from;
    }

    @Override
    public TaskResult copy(TaskResult from, TaskResult reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(TaskResult record, DataOutputView target) throws IOException {
        byte[] bytes = InstantiationUtil.serializeObject(record);
        target.writeInt(bytes.length);
        target.write(bytes);
    }

    @Override
    public TaskResult deserialize(DataInputView source) throws IOException {
        byte[] bytes = new byte[source.readInt()];
        source.readFully(bytes);
        try {
            return InstantiationUtil.deserializeObject(bytes, TaskResult.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IOException("a model result of an unknown type", e);
        }
    }

    @Override
    public TaskResult deserialize(TaskResult reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        int length = source.readInt();
        target.writeInt(length);
        target.write(source, length);
    }

    @Override
    public TypeSerializerSnapshot<TaskResult> snapshotConfiguration() {
        return new Snapshot();
    }

    /** What a checkpoint records about this serializer: only that it was this one. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<TaskResult> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
