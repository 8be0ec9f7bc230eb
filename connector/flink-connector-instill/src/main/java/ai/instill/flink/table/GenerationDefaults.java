package ai.instill.flink.table;

import ai.instill.flink.task.InputField;
import ai.instill.flink.task.TaskDescriptions;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;

/**
 * The input fields given as model options, by field name, used for rows whose matching column is
 * absent or NULL (and for the fields that have no column, such as the embedding dimensions).
 */
record GenerationDefaults(Map<String, Object> values) implements Serializable {

    GenerationDefaults {
        values = Map.copyOf(values);
    }

    static GenerationDefaults from(ReadableConfig options) {
        Map<String, Object> values = new HashMap<>();
        put(values, TaskDescriptions.SYSTEM_MESSAGE, options, InstillSqlOptions.SYSTEM_MESSAGE);
        put(values, TaskDescriptions.MAX_NEW_TOKENS, options, InstillSqlOptions.MAX_NEW_TOKENS);
        put(values, TaskDescriptions.TEMPERATURE, options, InstillSqlOptions.TEMPERATURE);
        put(values, TaskDescriptions.SEED, options, InstillSqlOptions.SEED);
        put(values, TaskDescriptions.SAMPLES, options, InstillSqlOptions.SAMPLES);
        put(values, TaskDescriptions.NEGATIVE_PROMPT, options, InstillSqlOptions.NEGATIVE_PROMPT);
        put(values, TaskDescriptions.ASPECT_RATIO, options, InstillSqlOptions.ASPECT_RATIO);
        put(values, TaskDescriptions.DIMENSIONS, options, InstillSqlOptions.EMBEDDING_DIMENSIONS);
        put(values, TaskDescriptions.INPUT_TYPE, options, InstillSqlOptions.EMBEDDING_INPUT_TYPE);
        return new GenerationDefaults(values);
    }

    private static <T> void put(
            Map<String, Object> values,
            InputField<T> field,
            ReadableConfig options,
            ConfigOption<T> option) {
        options.getOptional(option).ifPresent(value -> values.put(field.name(), value));
    }

    /** The model option's value for this field, or {@code null}. */
    Object valueOf(InputField<?> field) {
        return values.get(field.name());
    }
}
