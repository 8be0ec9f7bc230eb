package ai.instill.flink.bench;

/**
 * One run of the benchmark: which variant, on which payload, against which server timing (a call of
 * B inputs costs {@code latency + B × perInput}), with how many records in flight, how many records
 * per call and how many calls in flight, in which output order, for how many records, on how many
 * parallel subtasks, and whether the source offers records as fast as the job takes them (closed
 * loop) or at a fixed rate (open loop).
 *
 * @param group the experiment the run belongs to (side-by-side, in-flight sweep, batch sweep,
 *     order, cpu, heap, latency, scaling, cache)
 * @param inFlight records in flight per subtask (the async operator's capacity)
 * @param parallelism subtasks of the source, the enrichment and the sink
 * @param ratePerSecond records per second the source offers on a fixed schedule (open loop), or 0
 *     to offer them as fast as the job takes them (closed loop)
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
        long records,
        int parallelism,
        double ratePerSecond) {

    /** A closed-loop run on one subtask. */
    public Scenario(
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
        this(
                group,
                variant,
                payload,
                latencyMs,
                perInputMs,
                inFlight,
                batchSize,
                calls,
                ordered,
                records,
                1,
                0);
    }

    /**
     * The most records per second the server's timing allows the job with this concurrency on every
     * subtask (no CPU cost).
     */
    public double boundPerSecond() {
        int perCall = Math.max(1, Math.min(batchSize, inFlight));
        int concurrentCalls =
                switch (variant) {
                    case SYNC_MAP -> 1;
                    case INSTILL_BATCHED, INSTILL_CACHED, SQL_INSTILL ->
                            Math.max(1, Math.min(calls, inFlight / perCall));
                    case SQL_OPENAI -> Math.min(inFlight, 5);
                    default -> inFlight;
                };
        if (variant != Variant.INSTILL_BATCHED
                && variant != Variant.INSTILL_CACHED
                && variant != Variant.SQL_INSTILL) {
            perCall = 1;
        }
        double callMs = latencyMs + perCall * perInputMs;
        return callMs <= 0
                ? Double.POSITIVE_INFINITY
                : parallelism * concurrentCalls * perCall * 1000.0 / callMs;
    }

    /** Whether the source offers records on a fixed schedule rather than as fast as it can. */
    public boolean openLoop() {
        return ratePerSecond > 0;
    }

    /** The offered rate as a fraction of p × C / L, the bound of one record per call. */
    public double load() {
        return latencyMs <= 0
                ? Double.NaN
                : ratePerSecond * latencyMs / (1000.0 * parallelism * inFlight);
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
                newRecords,
                parallelism,
                ratePerSecond);
    }

    public Scenario withParallelism(int newParallelism) {
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
                records,
                newParallelism,
                ratePerSecond);
    }

    public Scenario withRate(double newRatePerSecond) {
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
                records,
                parallelism,
                newRatePerSecond);
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
                        records)
                + (parallelism > 1 ? " p=" + parallelism : "")
                + (openLoop()
                        ? String.format(" rate=%.0f/s (%.0f%% of C/L)", ratePerSecond, 100 * load())
                        : "");
    }
}
