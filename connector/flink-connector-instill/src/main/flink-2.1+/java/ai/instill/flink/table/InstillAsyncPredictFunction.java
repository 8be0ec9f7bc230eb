package ai.instill.flink.table;

import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.functions.AsyncPredictFunction;
import org.apache.flink.table.functions.FunctionContext;

/**
 * The asynchronous ML_PREDICT function: rows in flight across its concurrent operations share
 * trigger calls.
 */
@Internal
public final class InstillAsyncPredictFunction extends AsyncPredictFunction {
    private static final long serialVersionUID = 1L;

    private final RowPredictor predictor;

    InstillAsyncPredictFunction(RowPredictor predictor) {
        this.predictor = predictor;
    }

    @Override
    public void open(FunctionContext context) throws Exception {
        super.open(context);
        predictor.open(context);
    }

    @Override
    public CompletableFuture<Collection<RowData>> asyncPredict(RowData row) {
        return predictor.predict(row);
    }

    @Override
    public void close() throws Exception {
        predictor.close();
        super.close();
    }
}
