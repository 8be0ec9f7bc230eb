package ai.instill.flink.server.models;

/**
 * A deterministic stand-in computed from the input (the implementations in this package, or a test
 * double); its label is {@value ModelBackend#STAND_IN} and its outputs carry {@link #NOTICE}.
 */
@FunctionalInterface
public interface StandInModel extends ModelBackend {

    /** The sentence every stand-in output carries under {@code metadata.stand-in}. */
    String NOTICE =
            "Deterministic stand-in computed from the input by the local test server; this is not a"
                    + " real AI model.";
}
