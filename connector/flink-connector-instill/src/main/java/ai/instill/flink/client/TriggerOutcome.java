package ai.instill.flink.client;

import ai.instill.flink.task.ModelTask;
import com.google.protobuf.Struct;
import java.util.List;

/**
 * The raw answer to one trigger call: the task the server ran and one output per input, in input
 * order.
 */
record TriggerOutcome(ModelTask task, List<Struct> outputs) {}
