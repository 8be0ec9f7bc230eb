package ai.instill.flink.bench;

/**
 * The figures of one {@link Scenario}: steady-state throughput (the first tenth of the records is warm-up), the bound
 * the server timing allows, the CPU the benchmark JVM (Flink, the job and the connector; the server runs in its own
 * process) spent per record, the heap, and what the server saw.
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
        double heapBoundMiB,
        String note) {

    /** Throughput as a fraction of the bound, or NaN when there is no finite bound (zero latency). */
    public double ofBound() {
        return Double.isInfinite(boundPerSecond) ? Double.NaN : recordsPerSecond / boundPerSecond;
    }

    /** Records per second that one core of the benchmark JVM sustains: 10^6 / (CPU µs per record). */
    public double recordsPerCoreSecond() {
        return cpuMicrosPerRecord > 0 ? 1e6 / cpuMicrosPerRecord : Double.NaN;
    }
}
