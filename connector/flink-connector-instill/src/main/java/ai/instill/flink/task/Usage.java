package ai.instill.flink.task;

import java.io.Serializable;
import org.apache.flink.annotation.PublicEvolving;

/** The token counts a language model reports for one call. */
@PublicEvolving
public record Usage(long promptTokens, long completionTokens, long totalTokens)
        implements Serializable {}
