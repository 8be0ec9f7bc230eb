package ai.instill.flink.bench;

import java.lang.management.ManagementFactory;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * The discarding sink of every benchmark job, which also times the steady state: it notes the time
 * and the JVM's CPU time when the last warm-up record arrives and when the last record arrives. The
 * job runs in this JVM's mini cluster with one sink subtask, so the figures are plain static fields
 * written by one thread.
 */
final class ThroughputMeter {
    private static volatile long warmupRecords;
    private static volatile long expectedRecords;
    private static volatile long count;
    private static volatile long warmNanos;
    private static volatile long warmCpuNanos;
    private static volatile long lastNanos;
    private static volatile long lastCpuNanos;

    private ThroughputMeter() {}

    static void reset(long warmup, long expected) {
        warmupRecords = warmup;
        expectedRecords = expected;
        count = 0;
        warmNanos = 0;
        warmCpuNanos = 0;
        lastNanos = 0;
        lastCpuNanos = 0;
    }

    static void record() {
        long n = count + 1;
        count = n;
        long now = System.nanoTime();
        lastNanos = now;
        if (n == warmupRecords) {
            warmNanos = now;
            warmCpuNanos = processCpuNanos();
        }
        if (n == expectedRecords) {
            lastCpuNanos = processCpuNanos();
        }
    }

    /**
     * Called once the job has finished; reads the CPU time now if the last expected record never
     * came.
     */
    static void finish() {
        if (lastCpuNanos == 0) {
            lastCpuNanos = processCpuNanos();
        }
    }

    static long count() {
        return count;
    }

    static long measuredRecords() {
        return Math.max(0, count - warmupRecords);
    }

    static double measuredSeconds() {
        return (lastNanos - warmNanos) / 1e9;
    }

    static long measuredCpuNanos() {
        return lastCpuNanos - warmCpuNanos;
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
                    record();
                }

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }
}
