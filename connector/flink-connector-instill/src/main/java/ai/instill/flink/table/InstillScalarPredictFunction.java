package ai.instill.flink.table;

import ai.instill.flink.config.FlinkLines;
import ai.instill.flink.config.InstillOptions;
import ai.instill.flink.engine.InstillSettings;
import ai.instill.flink.task.InstillTask;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.api.config.ExecutionConfigOptions;
import org.apache.flink.table.catalog.DataTypeFactory;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.functions.AsyncScalarFunction;
import org.apache.flink.table.functions.FunctionContext;
import org.apache.flink.table.functions.SpecializedFunction;
import org.apache.flink.table.functions.UserDefinedFunction;
import org.apache.flink.table.types.inference.CallContext;
import org.apache.flink.table.types.inference.TypeInference;
import org.apache.flink.table.types.logical.RowType;

/**
 * {@code INSTILL_PREDICT(model_name, task, input…)}: an async scalar function that returns the
 * task's typed ROW (all result columns plus the error columns). When a query is planned it takes
 * its options from the session configuration keys {@code instill.*} and the task from its literal
 * argument.
 *
 * <pre>{@code
 * CREATE FUNCTION INSTILL_PREDICT AS 'ai.instill.flink.table.InstillScalarPredictFunction';
 * SET 'instill.endpoint' = 'localhost:8080';
 * SELECT INSTILL_PREDICT('acme/yolov7/v0.1.0', 'DETECTION', image) AS detection FROM photos;
 * }</pre>
 */
@Internal
public class InstillScalarPredictFunction extends AsyncScalarFunction
        implements SpecializedFunction {
    private static final long serialVersionUID = 1L;

    /**
     * The prefix of this function's options in the session configuration: {@code instill.endpoint},
     * …
     */
    public static final String PREFIX = "instill.";

    /**
     * The planner's rows in flight for async scalar functions, under its Flink 2.2 key and the
     * older one (Flink's own constant for it exists only from 2.2).
     */
    private static final ConfigOption<Integer> ASYNC_SCALAR_ROWS_IN_FLIGHT =
            ConfigOptions.key("table.exec.async-scalar.max-concurrent-operations")
                    .intType()
                    .defaultValue(10)
                    .withDeprecatedKeys("table.exec.async-scalar.buffer-capacity");

    /**
     * Set in the instance the planner specialises for one call; {@code null} in the registered one.
     */
    private final RowPredictor predictor;

    public InstillScalarPredictFunction() {
        this(null);
    }

    private InstillScalarPredictFunction(RowPredictor predictor) {
        this.predictor = predictor;
    }

    @Override
    public TypeInference getTypeInference(DataTypeFactory typeFactory) {
        FlinkLines.check("INSTILL_PREDICT");
        return TypeInference.newBuilder()
                .inputTypeStrategy(new PredictFunctionArguments())
                .outputTypeStrategy(
                        call ->
                                PredictFunctionArguments.task(call)
                                        .map(
                                                task ->
                                                        TaskOutputSchema.fullRow(task)
                                                                .bridgedTo(RowData.class)))
                .build();
    }

    @Override
    public UserDefinedFunction specialize(SpecializedContext context) {
        CallContext call = context.getCallContext();
        InstillTask task =
                PredictFunctionArguments.task(call)
                        .orElseThrow(
                                () ->
                                        new ValidationException(
                                                "INSTILL_PREDICT: the task must be a literal"));
        Configuration config = options(context.getConfiguration());
        config.set(InstillOptions.TASK, task);
        InstillSettings settings;
        try {
            settings = InstillSettings.from(config, InstillSettings.Surface.SQL);
        } catch (IllegalArgumentException e) {
            throw new ValidationException("INSTILL_PREDICT: " + e.getMessage(), e);
        }
        String[] columns =
                ((RowType) TaskOutputSchema.fullRow(task).getLogicalType())
                        .getFieldNames()
                        .toArray(String[]::new);
        RowPredictor predictor =
                new RowPredictor(
                        settings.withRecordCapacity(
                                context.getConfiguration().get(ASYNC_SCALAR_ROWS_IN_FLIGHT)),
                        RowInputConverter.positional(
                                task,
                                call.getArgumentDataTypes().size() - 2,
                                GenerationDefaults.from(config)),
                        new ResultRowConverter(task, columns, new boolean[columns.length]),
                        RowPredictor.budget(
                                settings.recordTimeout(),
                                context.getConfiguration()
                                        .get(
                                                ExecutionConfigOptions
                                                        .TABLE_EXEC_ASYNC_SCALAR_TIMEOUT)));
        return new InstillScalarPredictFunction(predictor);
    }

    /** Reads {@code instill.<key>} for every connector option; the settings check them. */
    static Configuration options(ReadableConfig session) {
        Map<String, String> all = session.toMap();
        Configuration config = new Configuration();
        for (ConfigOption<?> option : InstillSqlOptions.modelOptions()) {
            copy(all, config, option);
        }
        copy(all, config, InstillOptions.ENDPOINT);
        if (config.getOptional(InstillOptions.ENDPOINT).isEmpty()) {
            throw new ValidationException(
                    "INSTILL_PREDICT needs the configuration key '"
                            + PREFIX
                            + InstillOptions.ENDPOINT.key()
                            + "', for example SET '"
                            + PREFIX
                            + "endpoint' = 'localhost:8080'");
        }
        return config;
    }

    private static void copy(
            Map<String, String> session, Configuration config, ConfigOption<?> option) {
        String value = session.get(PREFIX + option.key());
        if (value != null) {
            config.setString(option.key(), value);
        }
    }

    @Override
    public void open(FunctionContext context) throws Exception {
        super.open(context);
        if (predictor == null) {
            throw new IllegalStateException("INSTILL_PREDICT was not specialised by the planner");
        }
        predictor.open(context);
    }

    public void eval(
            CompletableFuture<RowData> result,
            StringData modelName,
            StringData task,
            Object... inputs) {
        predictor
                .predict(modelName == null ? null : modelName.toString(), inputs)
                .whenComplete(
                        (rows, failure) -> {
                            if (failure != null) {
                                result.completeExceptionally(failure);
                            } else {
                                result.complete(first(rows));
                            }
                        });
    }

    private static RowData first(Collection<RowData> rows) {
        return rows.isEmpty() ? null : rows.iterator().next();
    }

    @Override
    public void close() throws Exception {
        if (predictor != null) {
            predictor.close();
        }
        super.close();
    }
}
