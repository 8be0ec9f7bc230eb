package ai.instill.flink.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * The discarding sink of every benchmark job, which also times the steady state: it notes the time
 * and the JVM's CPU time when the last warm-up record arrives and when the last measured record
 * (the last record, or an earlier one to leave out a parallel job's ragged end) arrives, and in
 * open-loop runs each record's latency from the time it was due at the source ({@link
 * BenchRecord#dueNanos}, which the enrichment emits). The job runs in this JVM's mini cluster, so
 * the figures are static fields, shared by the sink subtasks of a parallel job.
 */
final class ThroughputMeter {
    private static final AtomicLong count = new AtomicLong();
    private static final AtomicLong lastNanos = new AtomicLong();
    private static volatile long warmupRecords;
    private static volatile long endRecords;
    private static volatile long warmNanos;
    private static volatile long warmCpuNanos;
    private static volatile long lastCpuNanos;
    private static volatile long[] latencies;

    private ThroughputMeter() {}

    /**
     * Starts a run of {@code expected} records that measures records {@code warmup + 1} to {@code
     * end}; {@code withLatencies} keeps each record's latency from its due time.
     */
    static void reset(long warmup, long end, long expected, boolean withLatencies) {
        warmupRecords = warmup;
        endRecords = end;
        count.set(0);
        lastNanos.set(0);
        warmNanos = 0;
        warmCpuNanos = 0;
        lastCpuNanos = 0;
        latencies = withLatencies ? new long[(int) expected] : null;
    }

    static void record(Object element) {
        long n = count.incrementAndGet();
        long now = System.nanoTime();
        if (n <= endRecords) {
            lastNanos.accumulateAndGet(now, Math::max);
        }
        long[] kept = latencies;
        if (kept != null && n <= kept.length && element instanceof Long due) {
            kept[(int) n - 1] = now - due;
        }
        if (n == warmupRecords) {
            warmNanos = now;
            warmCpuNanos = processCpuNanos();
        }
        if (n == endRecords) {
            lastCpuNanos = processCpuNanos();
        }
    }

    /**
     * Called once the job has finished; reads the CPU time now if the last measured record never
     * came.
     */
    static void finish() {
        if (lastCpuNanos == 0) {
            lastCpuNanos = processCpuNanos();
        }
    }

    static long count() {
        return count.get();
    }

    static long measuredRecords() {
        return Math.max(0, Math.min(count.get(), endRecords) - warmupRecords);
    }

    static double measuredSeconds() {
        return (lastNanos.get() - warmNanos) / 1e9;
    }

    static long measuredCpuNanos() {
        return lastCpuNanos - warmCpuNanos;
    }

    /** The latencies (ns from due to sink) of the records after the warm-up, in arrival order. */
    static long[] measuredLatencies() {
        long[] kept = latencies;
        if (kept == null) {
            return new long[0];
        }
        int end = (int) Math.min(kept.length, Math.min(count.get(), endRecords));
        return Arrays.copyOfRange(kept, (int) Math.min(warmupRecords, end), end);
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** A sink that drops every record after counting it. */
    static final class MeterSink<T> implements Sink<T> {
        private static final long serialVersionUID = 1L;

        @Override
        public SinkWriter<T> createWriter(WriterInitContext context) {
            return new SinkWriter<>() {
                @Override
                public void write(T element, Context context) {
                    record(element);
                }

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }
}
