package ai.instill.flink.task;

import org.apache.flink.annotation.PublicEvolving;

/**
 * The input of TEXT_TO_IMAGE: a prompt with optional sample count, seed, negative prompt and aspect
 * ratio ({@code null} = unset).
 */
@PublicEvolving
public record TextToImageInput(
        String prompt, Integer samples, Long seed, String negativePrompt, String aspectRatio)
        implements TaskInput {

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link TextToImageInput}; only the prompt is required. */
    public static final class Builder {
        private String prompt;
        private Integer samples;
        private Long seed;
        private String negativePrompt;
        private String aspectRatio;

        private Builder() {}

        public Builder prompt(String prompt) {
            this.prompt = prompt;
            return this;
        }

        public Builder samples(Integer samples) {
            this.samples = samples;
            return this;
        }

        public Builder seed(Long seed) {
            this.seed = seed;
            return this;
        }

        public Builder negativePrompt(String negativePrompt) {
            this.negativePrompt = negativePrompt;
            return this;
        }

        /** One of 16:9, 1:1, 21:9, 2:3, 3:2, 4:5, 5:4, 9:16, 9:21. */
        public Builder aspectRatio(String aspectRatio) {
            this.aspectRatio = aspectRatio;
            return this;
        }

        public TextToImageInput build() {
            return new TextToImageInput(prompt, samples, seed, negativePrompt, aspectRatio);
        }
    }
}
