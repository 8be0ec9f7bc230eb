package ai.instill.flink.server.models;

import com.google.protobuf.Struct;

/**
 * A model the local server can run for one task input: the deterministic stand-ins in this package,
 * or anything else a test wants to plug in.
 */
@FunctionalInterface
public interface StandInModel {

    /** The sentence every stand-in output carries under {@code metadata.stand-in}. */
    String NOTICE =
            "Deterministic stand-in computed from the input by the local test server; this is not a"
                    + " real AI model.";

    /**
     * Runs the model on one task input ({@code {"data": …, "parameter": …}}, already validated
     * against the task's schema) and returns the task output ({@code {"data": …, "metadata": …}}).
     *
     * @throws ModelFailure when the model cannot serve this input; the server then answers the
     *     whole call with OK and no outputs, as released Instill Model servers do
     */
    Struct infer(Struct taskInput) throws ModelFailure;
}
