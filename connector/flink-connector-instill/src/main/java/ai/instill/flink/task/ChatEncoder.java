package ai.instill.flink.task;

import ai.instill.flink.error.InvalidInputException;
import com.google.protobuf.Struct;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes a {@link ChatInput} for a chat model: the history (or else the system message), then the
 * user turn with the prompt and its images, as {@code data.messages}.
 */
final class ChatEncoder {

    private static final List<String> ROLES =
            List.of(ChatMessage.SYSTEM, ChatMessage.USER, ChatMessage.ASSISTANT);

    private ChatEncoder() {}

    static Struct encode(ChatInput input, InputLimits limits) {
        String prompt = InputChecks.requiredText(input.prompt(), TaskDescriptions.PROMPT.name());
        String systemMessage =
                InputChecks.optionalText(
                        input.systemMessage(), TaskDescriptions.SYSTEM_MESSAGE.name());
        List<WireObject> messages = new ArrayList<>();
        if (!input.chatHistory().isEmpty()) {
            for (int i = 0; i < input.chatHistory().size(); i++) {
                messages.add(
                        historyMessage(
                                input.chatHistory().get(i),
                                TaskDescriptions.CHAT_HISTORY.name() + "[" + i + "]",
                                limits));
            }
        } else if (systemMessage != null) {
            messages.add(message(ChatMessage.SYSTEM, List.of(textPart(systemMessage))));
        }
        messages.add(userTurn(prompt, input.promptImages(), limits));
        WireObject data = WireObject.create().put("messages", messages);
        WireObject parameter =
                GenerationParameters.of(input.maxNewTokens(), input.temperature(), input.seed());
        return WireObject.create().put("data", data).put("parameter", parameter).toStruct();
    }

    private static WireObject userTurn(String prompt, List<Image> images, InputLimits limits) {
        List<WireObject> parts = new ArrayList<>();
        parts.add(textPart(prompt));
        for (int i = 0; i < images.size(); i++) {
            parts.add(
                    imagePart(
                            InputChecks.image(
                                    images.get(i),
                                    TaskDescriptions.PROMPT_IMAGES.name() + "[" + i + "]",
                                    limits)));
        }
        return message(ChatMessage.USER, parts);
    }

    private static WireObject historyMessage(
            ChatMessage message, String field, InputLimits limits) {
        InputChecks.element(message, field);
        String role = message.role();
        if (role == null) {
            throw new InvalidInputException(field + ".role", "is required");
        }
        if (!ROLES.contains(role)) {
            throw new InvalidInputException(
                    field + ".role",
                    "must be one of " + String.join(", ", ROLES) + " (got '" + role + "')");
        }
        if (message.content().isEmpty()) {
            throw new InvalidInputException(field + ".content", "must not be empty");
        }
        List<WireObject> parts = new ArrayList<>();
        for (int j = 0; j < message.content().size(); j++) {
            parts.add(historyPart(message.content().get(j), field + ".content[" + j + "]", limits));
        }
        return message(role, parts);
    }

    private static WireObject historyPart(ContentPart part, String field, InputLimits limits) {
        InputChecks.element(part, field);
        if (part instanceof ContentPart.TextPart text) {
            String value = text.text();
            if (value == null) {
                throw new InvalidInputException(field + ".text", "is required");
            }
            return textPart(InputChecks.validUtf16(value, field + ".text"));
        }
        if (part instanceof ContentPart.ImagePart image) {
            return imagePart(InputChecks.image(image.image(), field + ".image-base64", limits));
        }
        ContentPart.ImageUrlPart url = (ContentPart.ImageUrlPart) part;
        return WireObject.create()
                .put("type", "image-url")
                .put("image-url", InputChecks.imageUrl(url.url(), field + ".image-url", limits));
    }

    private static WireObject message(String role, List<WireObject> parts) {
        return WireObject.create().put("role", role).put("content", parts);
    }

    private static WireObject textPart(String text) {
        return WireObject.create().put("type", "text").put("text", text);
    }

    private static WireObject imagePart(Image image) {
        return WireObject.create().put("type", "image-base64").put("image-base64", image.dataUri());
    }
}
