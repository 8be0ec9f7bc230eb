package ai.instill.flink.table;

import java.io.Serializable;
import org.apache.flink.configuration.ReadableConfig;

/**
 * The generation parameters given as model options, used for rows whose matching column is absent
 * or NULL.
 */
record GenerationDefaults(
        String systemMessage,
        Integer maxNewTokens,
        Double temperature,
        Long seed,
        Integer samples,
        String negativePrompt,
        String aspectRatio,
        Integer dimensions,
        String inputType)
        implements Serializable {

    static GenerationDefaults from(ReadableConfig options) {
        return new GenerationDefaults(
                options.getOptional(InstillSqlOptions.SYSTEM_MESSAGE).orElse(null),
                options.getOptional(InstillSqlOptions.MAX_NEW_TOKENS).orElse(null),
                options.getOptional(InstillSqlOptions.TEMPERATURE).orElse(null),
                options.getOptional(InstillSqlOptions.SEED).orElse(null),
                options.getOptional(InstillSqlOptions.SAMPLES).orElse(null),
                options.getOptional(InstillSqlOptions.NEGATIVE_PROMPT).orElse(null),
                options.getOptional(InstillSqlOptions.ASPECT_RATIO).orElse(null),
                options.getOptional(InstillSqlOptions.EMBEDDING_DIMENSIONS).orElse(null),
                options.getOptional(InstillSqlOptions.EMBEDDING_INPUT_TYPE).orElse(null));
    }
}
