package ai.instill.flink.table;

import ai.instill.flink.engine.InstillSettings;
import java.time.Duration;
import org.apache.flink.table.api.config.MLPredictRuntimeConfigOptions;
import org.apache.flink.table.functions.AsyncPredictFunction;
import org.apache.flink.table.functions.PredictFunction;
import org.apache.flink.table.ml.AsyncPredictRuntimeProvider;
import org.apache.flink.table.ml.ModelProvider;
import org.apache.flink.table.ml.PredictRuntimeProvider;

/**
 * A checked {@code instill} model: makes the async or the sync predict function, as ML_PREDICT
 * asks.
 */
final class InstillModelProvider implements AsyncPredictRuntimeProvider, PredictRuntimeProvider {
    private final InstillSettings settings;
    private final RowInputConverter inputs;
    private final ResultRowConverter results;
    private final Duration defaultTimeout;
    private final int defaultConcurrency;

    /**
     * @param defaultTimeout and {@code defaultConcurrency} are ML_PREDICT's own defaults, from
     *     {@code table.exec.async-ml-predict.*}
     */
    InstillModelProvider(
            InstillSettings settings,
            RowInputConverter inputs,
            ResultRowConverter results,
            Duration defaultTimeout,
            int defaultConcurrency) {
        this.settings = settings;
        this.inputs = inputs;
        this.results = results;
        this.defaultTimeout = defaultTimeout;
        this.defaultConcurrency = defaultConcurrency;
    }

    @Override
    public AsyncPredictFunction createAsyncPredictFunction(ModelProvider.Context context) {
        int rowsInFlight =
                context.runtimeConfig()
                        .getOptional(MLPredictRuntimeConfigOptions.ASYNC_MAX_CONCURRENT_OPERATIONS)
                        .orElse(defaultConcurrency);
        return new InstillAsyncPredictFunction(predictor(context, rowsInFlight));
    }

    @Override
    public PredictFunction createPredictFunction(ModelProvider.Context context) {
        return new InstillPredictFunction(predictor(context, 1));
    }

    /** A predictor for a function that holds at most {@code rowsInFlight} rows at once. */
    private RowPredictor predictor(ModelProvider.Context context, int rowsInFlight) {
        Duration timeout =
                context.runtimeConfig()
                        .getOptional(MLPredictRuntimeConfigOptions.ASYNC_TIMEOUT)
                        .orElse(defaultTimeout);
        return new RowPredictor(
                settings.withRecordCapacity(rowsInFlight),
                inputs,
                results,
                RowPredictor.budget(settings.recordTimeout(), timeout));
    }

    @Override
    public ModelProvider copy() {
        return new InstillModelProvider(
                settings, inputs, results, defaultTimeout, defaultConcurrency);
    }
}
