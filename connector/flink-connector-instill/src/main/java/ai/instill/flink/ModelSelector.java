package ai.instill.flink;

import java.io.Serializable;
import org.apache.flink.annotation.PublicEvolving;

/**
 * Picks the model for a record ({@code namespace/model/version}) when records of one stream go to
 * different models.
 */
@FunctionalInterface
@PublicEvolving
public interface ModelSelector<IN> extends Serializable {
    String modelName(IN record) throws Exception;
}
