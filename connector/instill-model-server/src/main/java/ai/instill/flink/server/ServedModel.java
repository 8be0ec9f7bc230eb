package ai.instill.flink.server;

import ai.instill.flink.proto.common.task.v1alpha.Task;
import ai.instill.flink.server.models.StandInModel;

/**
 * One model version the server answers for: its address, task, implementation, fault settings and
 * counters.
 */
record ServedModel(
        ModelName name, Task task, StandInModel model, ModelFaults faults, ModelStats stats) {}
