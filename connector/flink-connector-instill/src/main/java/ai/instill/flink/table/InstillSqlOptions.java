package ai.instill.flink.table;

import ai.instill.flink.config.InstillOptions;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * Model options that only SQL needs: defaults for the generation parameters that a DataStream job
 * sets per record with the input builders; a column of the same name in the model's INPUT overrides
 * them row by row.
 */
@PublicEvolving
public final class InstillSqlOptions {

    private InstillSqlOptions() {}

    public static final ConfigOption<String> SYSTEM_MESSAGE =
            ConfigOptions.key("system-message")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Text generation and chat tasks: the system message of every row.");

    public static final ConfigOption<Integer> MAX_NEW_TOKENS =
            ConfigOptions.key("max-new-tokens")
                    .intType()
                    .noDefaultValue()
                    .withDescription(
                            "Text generation and chat tasks: most tokens to generate (unset: the"
                                    + " model's).");

    public static final ConfigOption<Double> TEMPERATURE =
            ConfigOptions.key("temperature")
                    .doubleType()
                    .noDefaultValue()
                    .withDescription(
                            "Text generation and chat tasks: sampling temperature (unset: the"
                                    + " model's).");

    public static final ConfigOption<Long> SEED =
            ConfigOptions.key("seed")
                    .longType()
                    .noDefaultValue()
                    .withDescription(
                            "Text generation, chat and text-to-image tasks: the sampling seed.");

    public static final ConfigOption<Integer> SAMPLES =
            ConfigOptions.key("samples")
                    .intType()
                    .noDefaultValue()
                    .withDescription(
                            "Text to image: images to generate per row (unset: the model's, usually"
                                    + " 1).");

    public static final ConfigOption<String> NEGATIVE_PROMPT =
            ConfigOptions.key("negative-prompt")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Text to image: what the images should not show.");

    public static final ConfigOption<String> ASPECT_RATIO =
            ConfigOptions.key("aspect-ratio")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Text to image: one of 16:9, 1:1, 21:9, 2:3, 3:2, 4:5, 5:4, 9:16,"
                                    + " 9:21.");

    public static final ConfigOption<Integer> EMBEDDING_DIMENSIONS =
            ConfigOptions.key("embedding.dimensions")
                    .intType()
                    .noDefaultValue()
                    .withDescription(
                            "Embedding: length of the vectors, for models that can shorten them.");

    public static final ConfigOption<String> EMBEDDING_INPUT_TYPE =
            ConfigOptions.key("embedding.input-type")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Embedding: a model-defined hint such as query or document.");

    /**
     * The optional options of an instill model (ML_PREDICT) and of INSTILL_PREDICT: the shared ones
     * (the token among them, so that the settings refuse it with the reason and the alternatives),
     * the failure policy and the generation defaults above.
     */
    public static Set<ConfigOption<?>> modelOptions() {
        Set<ConfigOption<?>> options = new LinkedHashSet<>(InstillOptions.sharedOptions());
        options.add(InstillOptions.FAILURE_POLICY);
        options.addAll(
                List.of(
                        SYSTEM_MESSAGE,
                        MAX_NEW_TOKENS,
                        TEMPERATURE,
                        SEED,
                        SAMPLES,
                        NEGATIVE_PROMPT,
                        ASPECT_RATIO,
                        EMBEDDING_DIMENSIONS,
                        EMBEDDING_INPUT_TYPE));
        return options;
    }
}
