package ai.instill.flink.task;

import com.google.protobuf.Struct;

/**
 * Encodes a {@link TextGenerationInput} for a completion model: {@code data {prompt,
 * system-message?}}.
 */
final class TextGenerationEncoder {

    private TextGenerationEncoder() {}

    static Struct encode(TextGenerationInput input) {
        WireObject data =
                WireObject.create()
                        .put(
                                "prompt",
                                InputChecks.requiredText(
                                        input.prompt(), TaskDescriptions.PROMPT.name()))
                        .putIfSet(
                                "system-message",
                                InputChecks.optionalText(
                                        input.systemMessage(),
                                        TaskDescriptions.SYSTEM_MESSAGE.name()));
        WireObject parameter =
                GenerationParameters.of(input.maxNewTokens(), input.temperature(), input.seed());
        return WireObject.create().put("data", data).put("parameter", parameter).toStruct();
    }
}
