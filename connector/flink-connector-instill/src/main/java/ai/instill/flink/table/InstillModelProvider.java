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
    /**
     * The row's own budget ends this much before ML_PREDICT's timeout, so the failure policy sees
     * it first.
     */
    private static final Duration MAX_GRACE = Duration.ofSeconds(5);

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
                budget(settings.recordTimeout(), timeout));
    }

    /** The record timeout, cut to end a little before ML_PREDICT's own timeout. */
    static Duration budget(Duration own, Duration predictTimeout) {
        Duration grace = predictTimeout.dividedBy(10);
        if (grace.compareTo(MAX_GRACE) > 0) {
            grace = MAX_GRACE;
        }
        Duration cut = predictTimeout.minus(grace);
        return own.compareTo(cut) < 0 ? own : cut;
    }

    @Override
    public ModelProvider copy() {
        return new InstillModelProvider(
                settings, inputs, results, defaultTimeout, defaultConcurrency);
    }
}
