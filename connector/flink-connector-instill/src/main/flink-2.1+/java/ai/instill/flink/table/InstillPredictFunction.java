package ai.instill.flink.table;

import java.util.Collection;
import java.util.concurrent.CompletionException;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.functions.FunctionContext;
import org.apache.flink.table.functions.PredictFunction;

/**
 * The synchronous ML_PREDICT function ('async' = 'false'): one row at a time, with the same engine
 * and policy.
 */
@Internal
public final class InstillPredictFunction extends PredictFunction {
    private static final long serialVersionUID = 1L;

    private final RowPredictor predictor;

    InstillPredictFunction(RowPredictor predictor) {
        this.predictor = predictor;
    }

    @Override
    public void open(FunctionContext context) throws Exception {
        super.open(context);
        predictor.open(context);
    }

    @Override
    public Collection<RowData> predict(RowData row) {
        try {
            return predictor.predict(row).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    @Override
    public void close() throws Exception {
        predictor.close();
        super.close();
    }
}
