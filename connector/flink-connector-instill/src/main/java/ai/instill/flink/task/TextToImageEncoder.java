package ai.instill.flink.task;

import com.google.protobuf.Struct;
import java.util.List;

/**
 * Encodes a {@link TextToImageInput}: {@code data {prompt}} and a {@code parameter} object that is
 * always present.
 */
final class TextToImageEncoder {

    static final List<String> ASPECT_RATIOS =
            List.of("16:9", "1:1", "21:9", "2:3", "3:2", "4:5", "5:4", "9:16", "9:21");

    private TextToImageEncoder() {}

    static Struct encode(TextToImageInput input) {
        WireObject data =
                WireObject.create()
                        .put(
                                "prompt",
                                InputChecks.requiredText(
                                        input.prompt(), TaskDescriptions.PROMPT.name()));
        WireObject parameter =
                WireObject.create()
                        .putIfSet(
                                "n",
                                InputChecks.atLeast(
                                        input.samples(), 1, TaskDescriptions.SAMPLES.name()))
                        .putIfSet(
                                "seed",
                                InputChecks.seed(input.seed(), TaskDescriptions.SEED.name()))
                        .putIfSet(
                                "aspect-ratio",
                                InputChecks.optionalChoice(
                                        input.aspectRatio(),
                                        TaskDescriptions.ASPECT_RATIO.name(),
                                        ASPECT_RATIOS))
                        .putIfSet(
                                "negative-prompt",
                                InputChecks.optionalText(
                                        input.negativePrompt(),
                                        TaskDescriptions.NEGATIVE_PROMPT.name()));
        return WireObject.create().put("data", data).put("parameter", parameter).toStruct();
    }
}
