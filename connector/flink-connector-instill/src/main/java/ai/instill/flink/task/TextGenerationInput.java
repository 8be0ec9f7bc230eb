package ai.instill.flink.task;

import org.apache.flink.annotation.PublicEvolving;

/**
 * The input of TEXT_GENERATION: a prompt with an optional system message and sampling settings
 * ({@code null} = unset).
 */
@PublicEvolving
public record TextGenerationInput(
        String prompt, String systemMessage, Integer maxNewTokens, Double temperature, Long seed)
        implements TaskInput {

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link TextGenerationInput}; only the prompt is required. */
    public static final class Builder {
        private String prompt;
        private String systemMessage;
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

        public TextGenerationInput build() {
            return new TextGenerationInput(prompt, systemMessage, maxNewTokens, temperature, seed);
        }
    }
}
