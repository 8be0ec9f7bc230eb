package ai.instill.flink.bench;

/**
 * One run of the benchmark: which variant, on which payload, against which server timing (a call of
 * B inputs costs {@code latency + B × perInput}), with how many records in flight, how many records
 * per call and how many calls in flight, in which output order, for how many records.
 *
 * @param group the experiment the run belongs to (side-by-side, in-flight sweep, batch sweep,
 *     order, cpu, heap)
 */
public record Scenario(
        String group,
        Variant variant,
        Payload payload,
        double latencyMs,
        double perInputMs,
        int inFlight,
        int batchSize,
        int calls,
        boolean ordered,
        long records) {

    /**
     * The most records per second the server's timing allows one subtask with this concurrency (no
     * CPU cost).
     */
    public double boundPerSecond() {
        int perCall = Math.max(1, Math.min(batchSize, inFlight));
        int concurrentCalls =
                switch (variant) {
                    case SYNC_MAP -> 1;
                    case INSTILL_BATCHED, SQL_INSTILL ->
                            Math.max(1, Math.min(calls, inFlight / perCall));
                    case SQL_OPENAI -> Math.min(inFlight, 5);
                    default -> inFlight;
                };
        if (variant != Variant.INSTILL_BATCHED && variant != Variant.SQL_INSTILL) {
            perCall = 1;
        }
        double callMs = latencyMs + perCall * perInputMs;
        return callMs <= 0 ? Double.POSITIVE_INFINITY : concurrentCalls * perCall * 1000.0 / callMs;
    }

    public Scenario withRecords(long newRecords) {
        return new Scenario(
                group,
                variant,
                payload,
                latencyMs,
                perInputMs,
                inFlight,
                batchSize,
                calls,
                ordered,
                newRecords);
    }

    public String describe() {
        return String.format(
                "%-14s %-24s %-12s L=%5.1fms s=%.2fms C=%-3d B=%-2d K=%-3d %-9s n=%d",
                group,
                variant.label(),
                payload.label(),
                latencyMs,
                perInputMs,
                inFlight,
                batchSize,
                calls,
                ordered ? "ordered" : "unordered",
                records);
    }
}
