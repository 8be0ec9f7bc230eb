package ai.instill.flink.task;

import java.io.Serializable;

/** The typed answer of a model to one {@link TaskInput}, as decoded by {@link TaskCodec}. */
public interface TaskResult extends Serializable {}
