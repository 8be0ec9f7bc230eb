package ai.instill.flink.server.real;

import ai.instill.flink.server.models.StructValues;
import com.google.protobuf.Struct;

/** Wraps a real model's {@code data} into the task output, naming the model in its metadata. */
final class RealOutput {

    private RealOutput() {}

    static Struct of(Struct data, String model) {
        return StructValues.struct("data", data, "metadata", StructValues.struct("model", model));
    }
}
