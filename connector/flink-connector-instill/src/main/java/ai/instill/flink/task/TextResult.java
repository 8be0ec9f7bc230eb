package ai.instill.flink.task;

import org.apache.flink.annotation.PublicEvolving;

/**
 * The answer of the text tasks (text generation, chat, visual question answering): the generated
 * text, why generation stopped, and the token usage ({@code null} when the model does not report
 * it).
 */
@PublicEvolving
public record TextResult(String text, String finishReason, Usage usage) implements TaskResult {}
