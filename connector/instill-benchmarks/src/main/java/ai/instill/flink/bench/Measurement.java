package ai.instill.flink.bench;

/**
 * The figures of one {@link Scenario}: steady-state throughput (the first tenth of the records is
 * warm-up), the bound the server timing allows, the CPU the benchmark JVM (Flink, the job and the
 * connector; the server runs in its own process) spent per record, the heap, and what the server
 * saw.
 *
 * <p>Heap: {@code heapAfterGcMiB} is the largest live heap (after a forced full GC) during the run,
 * {@code heapBaselineMiB} the live heap of the same JVM just before the job started (classes,
 * Flink's mini cluster, earlier jobs' leftovers); their difference is what the job holds under
 * backpressure.
 *
 * <p>Open-loop runs add {@code addedLatency} (otherwise {@link AddedLatency#NONE}); {@code
 * jobVertices} is the number of tasks the job graph chains its operators into (1: source,
 * enrichment and sink run in one thread per subtask).
 */
public record Measurement(
        Scenario scenario,
        long measuredRecords,
        double seconds,
        double recordsPerSecond,
        double boundPerSecond,
        double cpuMicrosPerRecord,
        double serverCpuMicrosPerRecord,
        long serverCalls,
        int serverMaxInputsPerCall,
        int serverPeakConcurrentCalls,
        double heapAfterGcMiB,
        double heapBaselineMiB,
        double heapBoundMiB,
        AddedLatency addedLatency,
        int jobVertices,
        long serverInputs,
        String note) {

    /**
     * Throughput as a fraction of the bound, or NaN when there is no finite bound (zero latency).
     */
    public double ofBound() {
        return Double.isInfinite(boundPerSecond) ? Double.NaN : recordsPerSecond / boundPerSecond;
    }

    /**
     * What the job itself holds at its peak: live heap during the run minus the JVM's live heap
     * before it.
     */
    public double heapOfJobMiB() {
        return heapAfterGcMiB - heapBaselineMiB;
    }

    /**
     * Records per second that one core of the benchmark JVM sustains: 10^6 / (CPU µs per record).
     */
    public double recordsPerCoreSecond() {
        return cpuMicrosPerRecord > 0 ? 1e6 / cpuMicrosPerRecord : Double.NaN;
    }

    /**
     * The share of records the model did not see (answered from the result cache, or with another
     * record's call): 1 − server inputs / records, over the whole run; NaN when unknown.
     */
    public double hitRate() {
        return serverInputs < 0 ? Double.NaN : 1 - (double) serverInputs / scenario.records();
    }

    /** Records per second per parallel subtask. */
    public double recordsPerSecondPerSubtask() {
        return recordsPerSecond / scenario.parallelism();
    }
}
