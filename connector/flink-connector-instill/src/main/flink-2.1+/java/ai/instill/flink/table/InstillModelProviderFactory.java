package ai.instill.flink.table;

import ai.instill.flink.config.FlinkLines;
import ai.instill.flink.config.InstillOptions;
import ai.instill.flink.engine.InstillSettings;
import ai.instill.flink.task.InstillTask;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.api.config.ExecutionConfigOptions;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.factories.ModelProviderFactory;
import org.apache.flink.table.ml.ModelProvider;
import org.apache.flink.table.types.logical.LogicalType;

/**
 * The SQL model provider {@code 'provider' = 'instill'}: validates the model's options (the same
 * {@link InstillOptions} as the DataStream builder) and its INPUT/OUTPUT schemas against the task
 * when a statement using the model is planned.
 */
@Internal
public final class InstillModelProviderFactory implements ModelProviderFactory {
    public static final String IDENTIFIER = "instill";

    /** Options that ML_PREDICT owns in SQL, with the ML_PREDICT key to use instead. */
    private static final Map<ConfigOption<?>, String> OWNED_BY_ML_PREDICT =
            Map.of(
                    InstillOptions.OUTPUT_MODE, "output-mode",
                    InstillOptions.MAX_IN_FLIGHT_RECORDS, "max-concurrent-operations");

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of(InstillOptions.ENDPOINT, InstillOptions.MODEL_NAME, InstillOptions.TASK);
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return InstillSqlOptions.modelOptions();
    }

    @Override
    public ModelProvider createModelProvider(ModelProviderFactory.Context context) {
        FlinkLines.check("CREATE MODEL ... 'provider' = 'instill'");
        String model = context.getObjectIdentifier().asSummaryString();
        Map<String, String> options = new HashMap<>(context.getCatalogModel().getOptions());
        refuseSqlUnfitOptions(model, options);
        FactoryUtil.createModelProviderFactoryHelper(this, context).validate();
        options.remove(FactoryUtil.PROVIDER.key());
        Configuration config = Configuration.fromMap(options);

        InstillSettings settings;
        try {
            settings = InstillSettings.from(config, InstillSettings.Surface.SQL);
        } catch (IllegalArgumentException e) {
            throw new ValidationException("Model " + model + ": " + e.getMessage(), e);
        }
        InstillTask task = settings.task();

        ResolvedSchema input = context.getCatalogModel().getResolvedInputSchema();
        ResolvedSchema output = context.getCatalogModel().getResolvedOutputSchema();
        RowInputConverter inputs =
                TaskInputSchema.check(model, task, input.getColumnNames(), types(input), config);
        ResultRowConverter results =
                TaskOutputSchema.check(
                        model,
                        task,
                        output.getColumnNames(),
                        types(output),
                        settings.failurePolicy());
        return new InstillModelProvider(
                settings,
                inputs,
                results,
                context.getConfiguration()
                        .get(ExecutionConfigOptions.TABLE_EXEC_ASYNC_ML_PREDICT_TIMEOUT),
                context.getConfiguration()
                        .get(
                                ExecutionConfigOptions
                                        .TABLE_EXEC_ASYNC_ML_PREDICT_MAX_CONCURRENT_OPERATIONS));
    }

    private static void refuseSqlUnfitOptions(String model, Map<String, String> options) {
        OWNED_BY_ML_PREDICT.forEach(
                (option, replacement) -> {
                    if (options.containsKey(option.key())) {
                        throw new ValidationException(
                                "Model "
                                        + model
                                        + ": '"
                                        + option.key()
                                        + "' is a DataStream option;"
                                        + " in SQL, ML_PREDICT sets it: ML_PREDICT(..., MAP['"
                                        + replacement
                                        + "', ...]).");
                    }
                });
    }

    private static List<LogicalType> types(ResolvedSchema schema) {
        return schema.getColumns().stream()
                .map(Column::getDataType)
                .map(t -> t.getLogicalType())
                .toList();
    }
}
