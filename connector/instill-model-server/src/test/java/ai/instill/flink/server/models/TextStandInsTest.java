package ai.instill.flink.server.models;

import static ai.instill.flink.server.testutils.TaskInputs.chat;
import static ai.instill.flink.server.testutils.TaskInputs.imagePart;
import static ai.instill.flink.server.testutils.TaskInputs.imageUrlPart;
import static ai.instill.flink.server.testutils.TaskInputs.message;
import static ai.instill.flink.server.testutils.TaskInputs.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.instill.flink.server.imaging.PaletteColor;
import ai.instill.flink.server.testing.TestImages;
import ai.instill.flink.server.testutils.TaskInputs;
import com.google.protobuf.Struct;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextStandInsTest {

    @Test
    void completionReversesThePromptWords() {
        Struct output = new CompletionStandIn().infer(TaskInputs.prompt("the quick brown fox"));

        Struct choice = onlyChoice(output);
        assertThat(choice.getFieldsMap())
                .containsOnlyKeys("finish-reason", "index", "content", "created");
        assertThat(choice.getFieldsOrThrow("content").getStringValue())
                .isEqualTo("stand-in: fox brown quick the");
        assertThat(choice.getFieldsOrThrow("finish-reason").getStringValue()).isEqualTo("stop");
        assertThat(choice.getFieldsOrThrow("index").getNumberValue()).isZero();
        double created = choice.getFieldsOrThrow("created").getNumberValue();
        assertThat(created).isEqualTo(Math.rint(created)).isGreaterThan(1.7e9);
        assertThat(usage(output)).containsExactly(4.0, 4.0, 8.0);
    }

    @Test
    void completionStopsAtMaxTokensWithFinishReasonLength() {
        Struct output =
                new CompletionStandIn()
                        .infer(TaskInputs.prompt("one two three four", "max-tokens", 2));

        assertThat(onlyChoice(output).getFieldsOrThrow("content").getStringValue())
                .isEqualTo("stand-in: four three");
        assertThat(onlyChoice(output).getFieldsOrThrow("finish-reason").getStringValue())
                .isEqualTo("length");
        assertThat(usage(output)).containsExactly(2.0, 4.0, 6.0);
    }

    @Test
    void completionCountsTheSystemMessageAsPromptTokensOnly() {
        Struct input =
                StructValues.struct(
                        "data",
                        StructValues.struct(
                                "prompt", "hello there", "system-message", "You are terse."));

        Struct output = new CompletionStandIn().infer(input);

        assertThat(onlyChoice(output).getFieldsOrThrow("content").getStringValue())
                .isEqualTo("stand-in: there hello");
        assertThat(usage(output)).containsExactly(2.0, 5.0, 7.0);
    }

    @Test
    void chatAnswersTheLastUserMessageDescribingImagesAndHistory() throws ModelFailure {
        String red = TestImages.canvas(8, 6, PaletteColor.RED).dataUri();
        Struct input =
                chat(
                        List.of(
                                message("system", text("Be brief.")),
                                message("user", text("Say hello.")),
                                message("assistant", text("Hello!")),
                                message("user", text("What is this?"), imagePart(red))));

        Struct output = new ChatStandIn().infer(input);

        Struct choice = onlyChoice(output);
        assertThat(choice.getFieldsMap())
                .containsOnlyKeys("finish-reason", "index", "message", "created");
        Struct message = choice.getFieldsOrThrow("message").getStructValue();
        assertThat(message.getFieldsOrThrow("role").getStringValue()).isEqualTo("assistant");
        assertThat(message.getFieldsOrThrow("content").getStringValue())
                .isEqualTo(
                        "stand-in answer to: What is this? [image 1: 8x6 red] (history: 3 earlier"
                                + " messages)");
        assertThat(choice.getFieldsOrThrow("finish-reason").getStringValue()).isEqualTo("stop");
        assertThat(usage(output).get(1)).isEqualTo(8.0);
    }

    @Test
    void chatCapsItsAnswerAtMaxTokens() throws ModelFailure {
        Struct output =
                new ChatStandIn()
                        .infer(chat(List.of(message("user", text("a b c d e"))), "max-tokens", 3));

        Struct choice = onlyChoice(output);
        assertThat(
                        choice.getFieldsOrThrow("message")
                                .getStructValue()
                                .getFieldsOrThrow("content")
                                .getStringValue())
                .isEqualTo("stand-in answer to: a b c");
        assertThat(choice.getFieldsOrThrow("finish-reason").getStringValue()).isEqualTo("length");
    }

    @Test
    void chatFailsOnUndecodableImagesUrlsAndMissingUserTurns() {
        assertThatThrownBy(
                        () ->
                                new ChatStandIn()
                                        .infer(
                                                chat(
                                                        List.of(
                                                                message(
                                                                        "user",
                                                                        text("hi"),
                                                                        imagePart("AAAA"))))))
                .isInstanceOf(ModelFailure.class);
        assertThatThrownBy(
                        () ->
                                new ChatStandIn()
                                        .infer(
                                                chat(
                                                        List.of(
                                                                message(
                                                                        "user",
                                                                        text("hi"),
                                                                        imageUrlPart(
                                                                                "https://example.com/x.png"))))))
                .isInstanceOf(ModelFailure.class);
        assertThatThrownBy(
                        () -> new ChatStandIn().infer(chat(List.of(message("system", text("hi"))))))
                .isInstanceOf(ModelFailure.class);
    }

    private static Struct onlyChoice(Struct output) {
        List<com.google.protobuf.Value> choices =
                VisionStandInsTest.data(output)
                        .getFieldsOrThrow("choices")
                        .getListValue()
                        .getValuesList();
        assertThat(choices).hasSize(1);
        return choices.get(0).getStructValue();
    }

    /** {completion-tokens, prompt-tokens, total-tokens}. */
    private static List<Double> usage(Struct output) {
        Struct metadata = output.getFieldsOrThrow("metadata").getStructValue();
        assertThat(metadata.getFieldsOrThrow("stand-in").getStringValue())
                .isEqualTo(StandInModel.NOTICE);
        Struct usage = metadata.getFieldsOrThrow("usage").getStructValue();
        return List.of(
                usage.getFieldsOrThrow("completion-tokens").getNumberValue(),
                usage.getFieldsOrThrow("prompt-tokens").getNumberValue(),
                usage.getFieldsOrThrow("total-tokens").getNumberValue());
    }
}
