package ai.instill.flink.server;

import ai.instill.flink.proto.common.task.v1alpha.Task;
import ai.instill.flink.server.models.ModelBackend;

/**
 * One model version the server answers for: its address, task, backend (real or stand-in), fault
 * settings and counters.
 */
record ServedModel(
        ModelName name, Task task, ModelBackend model, ModelFaults faults, ModelStats stats) {}
