package ai.instill.flink.task;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.annotation.PublicEvolving;

/**
 * The input of TEXT_GENERATION_CHAT, VISUAL_QUESTION_ANSWERING and CHAT: a prompt with optional
 * images, system message, earlier turns and sampling settings ({@code null} = unset).
 */
@PublicEvolving
public record ChatInput(
        String prompt,
        String systemMessage,
        List<Image> promptImages,
        List<ChatMessage> chatHistory,
        Integer maxNewTokens,
        Double temperature,
        Long seed)
        implements TaskInput {

    public ChatInput {
        promptImages = NullableLists.copyOf(promptImages);
        chatHistory = NullableLists.copyOf(chatHistory);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link ChatInput}; only the prompt is required. */
    public static final class Builder {
        private String prompt;
        private String systemMessage;
        private final List<Image> promptImages = new ArrayList<>();
        private final List<ChatMessage> chatHistory = new ArrayList<>();
        private Integer maxNewTokens;
        private Double temperature;
        private Long seed;

        private Builder() {}

        public Builder prompt(String prompt) {
            this.prompt = prompt;
            return this;
        }

        public Builder systemMessage(String systemMessage) {
            this.systemMessage = systemMessage;
            return this;
        }

        /** Replaces the prompt images. */
        public Builder promptImages(List<Image> images) {
            promptImages.clear();
            if (images != null) {
                promptImages.addAll(images);
            }
            return this;
        }

        public Builder addPromptImage(Image image) {
            promptImages.add(image);
            return this;
        }

        /** Replaces the chat history. */
        public Builder chatHistory(List<ChatMessage> messages) {
            chatHistory.clear();
            if (messages != null) {
                chatHistory.addAll(messages);
            }
            return this;
        }

        public Builder chatHistory(ChatMessage... messages) {
            return chatHistory(Arrays.asList(messages));
        }

        public Builder maxNewTokens(Integer maxNewTokens) {
            this.maxNewTokens = maxNewTokens;
            return this;
        }

        public Builder temperature(Double temperature) {
            this.temperature = temperature;
            return this;
        }

        public Builder seed(Long seed) {
            this.seed = seed;
            return this;
        }

        public ChatInput build() {
            return new ChatInput(
                    prompt,
                    systemMessage,
                    promptImages,
                    chatHistory,
                    maxNewTokens,
                    temperature,
                    seed);
        }
    }
}
