package ai.instill.flink.task;

import java.io.Serializable;

/** The token counts a language model reports for one call. */
public record Usage(long promptTokens, long completionTokens, long totalTokens)
        implements Serializable {}
