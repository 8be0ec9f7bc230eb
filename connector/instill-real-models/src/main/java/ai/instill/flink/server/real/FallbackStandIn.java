package ai.instill.flink.server.real;

import ai.instill.flink.proto.common.task.v1alpha.Task;
import ai.instill.flink.server.models.ModelFailure;
import ai.instill.flink.server.models.StandInModel;
import ai.instill.flink.server.models.StandInModels;
import com.google.protobuf.Struct;

/**
 * The task's stand-in, serving a real model's name when that model could not be loaded; its label
 * says so and why.
 */
final class FallbackStandIn implements StandInModel {

    private final StandInModel standIn;
    private final String reason;

    FallbackStandIn(Task task, String reason) {
        this.standIn = StandInModels.forTask(task);
        this.reason = reason;
    }

    @Override
    public Struct infer(Struct taskInput) throws ModelFailure {
        return standIn.infer(taskInput);
    }

    @Override
    public String label() {
        return STAND_IN + " (the real model is unavailable: " + reason + ")";
    }
}
