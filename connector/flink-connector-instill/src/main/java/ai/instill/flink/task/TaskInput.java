package ai.instill.flink.task;

import java.io.Serializable;
import org.apache.flink.annotation.PublicEvolving;

/**
 * One record's request to a task, before it is validated and encoded for the wire by {@link
 * TaskCodec}. The permitted types are the inputs of the tasks' {@link TaskDescription}s.
 */
@PublicEvolving
public sealed interface TaskInput extends Serializable
        permits ImageInput, TextGenerationInput, ChatInput, TextToImageInput, EmbeddingInput {}
