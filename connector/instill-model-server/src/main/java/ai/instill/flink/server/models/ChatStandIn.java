package ai.instill.flink.server.models;

import ai.instill.flink.server.imaging.PaletteHistogram;
import ai.instill.flink.server.imaging.RgbPixels;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * Multimodal chat stand-in: answers the last user message with "stand-in answer to: &lt;its
 * text&gt;", describes each of its images as "[image k: WxH colour]" and mentions how many messages
 * came before; {@code max-tokens} caps the words after the prefix.
 */
public final class ChatStandIn implements StandInModel {

    static final String PREFIX = "stand-in answer to: ";

    @Override
    public Struct infer(Struct taskInput) throws ModelFailure {
        List<Value> messages =
                StructPath.find(taskInput, "data", "messages")
                        .map(value -> value.getListValue().getValuesList())
                        .orElse(List.of());
        int lastUser = -1;
        for (int i = 0; i < messages.size(); i++) {
            if ("user".equals(StructPath.string(messages.get(i).getStructValue(), "", "role"))) {
                lastUser = i;
            }
        }
        if (lastUser < 0) {
            throw new ModelFailure("the chat stand-in needs at least one user message to answer");
        }
        StringBuilder answer = new StringBuilder();
        List<String> texts = new ArrayList<>();
        int images = 0;
        for (Value part : contentOf(messages.get(lastUser))) {
            Struct fields = part.getStructValue();
            switch (StructPath.string(fields, "", "type")) {
                case "text" -> texts.add(StructPath.string(fields, "", "text"));
                case "image-base64" -> {
                    images++;
                    answer.append(' ')
                            .append(
                                    describe(
                                            images,
                                            ImageInputs.decode(
                                                    StructPath.string(
                                                            fields, "", "image-base64"))));
                }
                case "image-url" -> throw ImageInputs.urlUnsupported();
                default -> throw new ModelFailure("unsupported content part type");
            }
        }
        String question = String.join(" ", texts);
        if (question.isBlank() && images == 0) {
            throw new ModelFailure("the last user message has no text and no image to answer");
        }
        if (lastUser > 0) {
            answer.append(" (history: ").append(lastUser).append(" earlier messages)");
        }
        GeneratedWords reply =
                GeneratedWords.cap(
                        GeneratedWords.wordsOf(question + answer),
                        StructPath.integer(
                                taskInput,
                                GeneratedWords.DEFAULT_MAX_TOKENS,
                                "parameter",
                                "max-tokens"));
        Struct choice =
                StructValues.struct(
                        "finish-reason", reply.finishReason(),
                        "index", 0,
                        "message",
                                StructValues.struct(
                                        "role", "assistant", "content", PREFIX + reply.text()),
                        "created", StandInOutput.createdNow());
        return StandInOutput.withUsage(
                StructValues.struct("choices", List.of(choice)),
                promptWords(messages),
                reply.count());
    }

    private static String describe(int number, RgbPixels image) {
        return "[image "
                + number
                + ": "
                + image.width()
                + "x"
                + image.height()
                + " "
                + PaletteHistogram.of(image).dominant().label()
                + "]";
    }

    private static List<Value> contentOf(Value message) {
        return StructPath.find(message.getStructValue(), "content")
                .map(value -> value.getListValue().getValuesList())
                .orElse(List.of());
    }

    private static long promptWords(List<Value> messages) {
        long words = 0;
        for (Value message : messages) {
            for (Value part : contentOf(message)) {
                if ("text".equals(StructPath.string(part.getStructValue(), "", "type"))) {
                    words +=
                            GeneratedWords.wordsOf(
                                            StructPath.string(part.getStructValue(), "", "text"))
                                    .size();
                }
            }
        }
        return words;
    }
}
