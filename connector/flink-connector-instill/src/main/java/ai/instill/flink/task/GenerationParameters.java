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
}
