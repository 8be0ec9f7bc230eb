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
                        .put("prompt", InputChecks.requiredText(input.prompt(), "prompt"))
                        .putIfSet(
                                "system-message",
                                InputChecks.optionalText(input.systemMessage(), "system-message"));
        WireObject parameter =
                GenerationParameters.of(input.maxNewTokens(), input.temperature(), input.seed());
        return WireObject.create().put("data", data).put("parameter", parameter).toStruct();
    }
}
