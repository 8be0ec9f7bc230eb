package ai.instill.flink;

import java.io.Serializable;

/**
 * Picks the model for a record ({@code namespace/model/version}) when records of one stream go to
 * different models.
 */
@FunctionalInterface
public interface ModelSelector<IN> extends Serializable {
    String modelName(IN record) throws Exception;
}
