package ai.instill.flink.table;

import ai.instill.flink.config.InstillOptions;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
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
public final class InstillModelProvider
        implements AsyncPredictRuntimeProvider, PredictRuntimeProvider {
    /**
     * The row's own budget ends this much before ML_PREDICT's timeout, so the failure policy sees
     * it first.
     */
    private static final Duration MAX_GRACE = Duration.ofSeconds(5);

    private final Configuration config;
    private final RowInputConverter inputs;
    private final ResultRowConverter results;
    private final Duration defaultTimeout;

    InstillModelProvider(
            Configuration config,
            RowInputConverter inputs,
            ResultRowConverter results,
            Duration defaultTimeout) {
        this.config = config;
        this.inputs = inputs;
        this.results = results;
        this.defaultTimeout = defaultTimeout;
    }

    @Override
    public AsyncPredictFunction createAsyncPredictFunction(ModelProvider.Context context) {
        return new InstillAsyncPredictFunction(predictor(context));
    }

    @Override
    public PredictFunction createPredictFunction(ModelProvider.Context context) {
        return new InstillPredictFunction(predictor(context));
    }

    private RowPredictor predictor(ModelProvider.Context context) {
        Duration timeout =
                context.runtimeConfig()
                        .getOptional(MLPredictRuntimeConfigOptions.ASYNC_TIMEOUT)
                        .orElse(defaultTimeout);
        return new RowPredictor(
                new Configuration(config), inputs, results, budget(config, timeout));
    }

    /** The record timeout, cut to end a little before ML_PREDICT's own timeout. */
    static Duration budget(Configuration config, Duration predictTimeout) {
        Duration grace = predictTimeout.dividedBy(10);
        if (grace.compareTo(MAX_GRACE) > 0) {
            grace = MAX_GRACE;
        }
        Duration cut = predictTimeout.minus(grace);
        Duration own = config.get(InstillOptions.RECORD_TIMEOUT);
        return own.compareTo(cut) < 0 ? own : cut;
    }

    @Override
    public ModelProvider copy() {
        return new InstillModelProvider(config, inputs, results, defaultTimeout);
    }
}
