package ai.instill.flink.server.real.weights;

/** Signals that a real model's file is not there, and says why (the fetch report's reason). */
public final class WeightsUnavailable extends Exception {

    public WeightsUnavailable(String reason) {
        super(reason);
    }
}
