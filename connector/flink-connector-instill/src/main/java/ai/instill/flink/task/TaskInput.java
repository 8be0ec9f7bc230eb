package ai.instill.flink.task;

import java.io.Serializable;

/**
 * One record's request to a task, before it is validated and encoded for the wire by {@link
 * TaskCodec}.
 */
public interface TaskInput extends Serializable {}
