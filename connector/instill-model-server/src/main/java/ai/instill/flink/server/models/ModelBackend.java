package ai.instill.flink.server.models;

import com.google.protobuf.Struct;

/**
 * What the local server runs for one served model: a labelled stand-in, or a real model that a
 * library plugs in (see {@link ai.instill.flink.server.ModelPack}).
 *
 * <p>A backend may be called from several server threads at once; one that is not thread-safe (most
 * native inference sessions) serialises its calls itself.
 */
@FunctionalInterface
public interface ModelBackend {

    /** The label of every backend that is not a real model. */
    String STAND_IN = "stand-in";

    /** The label of a real model: {@code "real: " + model}. */
    static String realLabel(String model) {
        return "real: " + model;
    }

    /**
     * Runs the model on one task input ({@code {"data": …, "parameter": …}}, already validated
     * against the task's schema) and returns the task output ({@code {"data": …, "metadata": …}}).
     *
     * @throws ModelFailure when the model cannot serve this input; the server then answers the
     *     whole call with OK and no outputs, as released Instill Model servers do
     */
    Struct infer(Struct taskInput) throws ModelFailure;

    /**
     * How the server's model list shows this backend: {@code "real: <model>"} for a real model,
     * otherwise {@value #STAND_IN} (the default, so that nothing is presented as a model by
     * mistake), possibly followed by why a real model is not used.
     */
    default String label() {
        return STAND_IN;
    }

    /** Whether this backend runs a real model (its label starts with {@code "real: "}). */
    default boolean isReal() {
        return label().startsWith("real: ");
    }
}
