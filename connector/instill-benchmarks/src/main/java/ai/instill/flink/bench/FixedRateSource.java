package ai.instill.flink.bench;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.lib.NumberSequenceSource;
import org.apache.flink.core.io.InputStatus;

/**
 * The open-loop source of the latency runs: a sequence source whose subtask emits its k-th record
 * no earlier than {@code start + k / rate}, as the {@link System#nanoTime()} at which it was due,
 * so that a record the job held back is timed from when it should have been sent (no coordinated
 * omission).
 *
 * <p>Between records the reader returns {@link InputStatus#NOTHING_AVAILABLE} and a timer thread
 * completes its availability future at the next due time, so the task thread, which the source
 * shares with the chained async operator, never sleeps and hands out finished records meanwhile.
 * Records that fall behind (a late timer, backpressure) leave one after another without waiting.
 */
final class FixedRateSource extends NumberSequenceSource {
    private static final long serialVersionUID = 1L;

    private final double ratePerSubtask;

    FixedRateSource(long records, double ratePerSubtask) {
        super(0, records - 1);
        this.ratePerSubtask = ratePerSubtask;
    }

    @Override
    public SourceReader<Long, NumberSequenceSplit> createReader(SourceReaderContext context) {
        return new Reader(super.createReader(context), 1e9 / ratePerSubtask);
    }

    /** Paces the sequence reader and replaces each number by its due time. */
    private static final class Reader implements SourceReader<Long, NumberSequenceSplit> {
        private final SourceReader<Long, NumberSequenceSplit> numbers;
        private final double intervalNanos;
        private final DueOutput output = new DueOutput();
        private final ScheduledExecutorService timer =
                Executors.newSingleThreadScheduledExecutor(
                        task -> {
                            Thread thread = new Thread(task, "fixed-rate-source-timer");
                            thread.setDaemon(true);
                            return thread;
                        });
        private CompletableFuture<Void> waiting;

        Reader(SourceReader<Long, NumberSequenceSplit> numbers, double intervalNanos) {
            this.numbers = numbers;
            this.intervalNanos = intervalNanos;
        }

        @Override
        public InputStatus pollNext(ReaderOutput<Long> target) throws Exception {
            long now = System.nanoTime();
            long due =
                    output.emitted == 0
                            ? now
                            : output.start + (long) (output.emitted * intervalNanos);
            if (now < due) {
                CompletableFuture<Void> wake = new CompletableFuture<>();
                waiting = wake;
                timer.schedule(() -> wake.complete(null), due - now, TimeUnit.NANOSECONDS);
                return InputStatus.NOTHING_AVAILABLE;
            }
            waiting = null;
            output.target = target;
            output.due = due;
            return numbers.pollNext(output);
        }

        @Override
        public CompletableFuture<Void> isAvailable() {
            CompletableFuture<Void> wake = waiting;
            return wake != null ? wake : numbers.isAvailable();
        }

        @Override
        public void start() {
            numbers.start();
        }

        @Override
        public List<NumberSequenceSplit> snapshotState(long checkpointId) {
            return numbers.snapshotState(checkpointId);
        }

        @Override
        public void addSplits(List<NumberSequenceSplit> splits) {
            numbers.addSplits(splits);
        }

        @Override
        public void notifyNoMoreSplits() {
            numbers.notifyNoMoreSplits();
        }

        @Override
        public void close() throws Exception {
            timer.shutdownNow();
            numbers.close();
        }
    }

    /** Emits the due time of each number the sequence reader emits, and counts them. */
    private static final class DueOutput implements ReaderOutput<Long> {
        ReaderOutput<Long> target;
        long due;
        long start;
        long emitted;

        @Override
        public void collect(Long number) {
            emit();
            target.collect(due);
        }

        @Override
        public void collect(Long number, long timestamp) {
            emit();
            target.collect(due, timestamp);
        }

        private void emit() {
            if (emitted++ == 0) {
                start = due;
            }
        }

        @Override
        public void emitWatermark(Watermark watermark) {
            target.emitWatermark(watermark);
        }

        @Override
        public void markIdle() {
            target.markIdle();
        }

        @Override
        public void markActive() {
            target.markActive();
        }

        @Override
        public SourceOutput<Long> createOutputForSplit(String splitId) {
            throw new UnsupportedOperationException("the sequence reader emits to the main output");
        }

        @Override
        public void releaseOutputForSplit(String splitId) {
            target.releaseOutputForSplit(splitId);
        }
    }
}
