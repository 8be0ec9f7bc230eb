package ai.instill.flink.task;

/**
 * Builds the {@code parameter} object of the completion and chat tasks: {@code n} 1 plus the
 * settings that are set.
 */
final class GenerationParameters {

    private GenerationParameters() {}

    static WireObject of(Integer maxNewTokens, Double temperature, Long seed) {
        return WireObject.create()
                .put("n", 1)
                .putIfSet(
                        "max-tokens",
                        InputChecks.atLeast(
                                maxNewTokens, 0, TaskDescriptions.MAX_NEW_TOKENS.name()))
                .putIfSet("seed", InputChecks.seed(seed, TaskDescriptions.SEED.name()))
                .putIfSet(
                        "temperature",
                        InputChecks.finiteNonNegative(
                                temperature, TaskDescriptions.TEMPERATURE.name()));
    }

    /**
     * Whether sampling is pinned, so that the same request gives the same text: a seed, or a
     * temperature of 0 (greedy decoding). An unset temperature is the model's own, usually above 0.
     */
    static boolean pinned(Double temperature, Long seed) {
        return seed != null || (temperature != null && temperature == 0);
    }
}
