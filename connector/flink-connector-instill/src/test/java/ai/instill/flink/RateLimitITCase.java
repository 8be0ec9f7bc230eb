package ai.instill.flink;

import static org.assertj.core.api.Assertions.assertThat;

import ai.instill.flink.config.InstillOptions;
import ai.instill.flink.server.DefaultModels;
import ai.instill.flink.server.ModelStats;
import ai.instill.flink.server.testing.LocalModelServerExtension;
import ai.instill.flink.server.testing.TestImages;
import ai.instill.flink.task.Image;
import ai.instill.flink.task.ImageInput;
import ai.instill.flink.task.InstillTask;
import ai.instill.flink.testutils.JobRuns;
import io.grpc.Status;
import java.awt.Color;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Rate limits on a Flink mini cluster against the local model server over a real socket: the
 * subtasks of the TaskManager together never send more than the configured rate (counted by the
 * server over every window between samples, with the burst and a little slack), and every record
 * still gets its result. The test asserts an upper bound on what the server saw, never a speed.
 */
class RateLimitITCase {
    private static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension static final MiniClusterExtension FLINK = JobRuns.miniCluster(REPORTER);

    @RegisterExtension
    static final LocalModelServerExtension SERVER = new LocalModelServerExtension();

    private final JobRuns jobs = new JobRuns(REPORTER, "rate-limit-it");

    /**
     * What a window between two samples may gain at its ends: calls sent before it and received in
     * it. The first calls of a job take longest to arrive (cold code on both sides), which bunches
     * the burst together with the calls after it.
     */
    private static final double SLACK_SECONDS = 0.25;

    @Test
    void twoSubtasksTogetherMakeNoMoreCallsPerSecondThanTheLimitEvenWhileThrottled()
            throws Exception {
        double callsPerSecond = 20;
        int count = 120;
        // one call in ten is refused as overloaded: the adaptive limit halves, the refused
        // records are retried, and the retries wait for the rate limit like any call
        SERVER.server()
                .faults(DefaultModels.CLASSIFIER)
                .seed(7)
                .errorRate(Status.Code.RESOURCE_EXHAUSTED, 0.1);
        InstillInference<Long, Long> inference =
                classify()
                        .option(InstillOptions.BATCH_ENABLED, false)
                        .option(InstillOptions.RATE_LIMIT_CALLS_PER_SECOND, callsPerSecond)
                        .option(InstillOptions.RETRY_INITIAL_BACKOFF, Duration.ofMillis(5))
                        .build();

        List<long[]> samples = new ArrayList<>();
        List<Long> out = sampled(samples, () -> jobs.collect(inference.applyTo(ids(count))));

        assertThat(out).hasSize(count);
        assertThat(new HashSet<>(out)).isEqualTo(JobRuns.idsBelow(count));
        ModelStats stats = SERVER.server().stats(DefaultModels.CLASSIFIER);
        assertThat(stats.failedCalls()).as("some calls were throttled").isPositive();
        assertThat(stats.calls()).isEqualTo(count + stats.failedCalls());
        assertNoWindowExceeds(samples, 1, callsPerSecond, "calls");
        assertThat(jobs.counter("rateLimitWaits")).as("calls that waited").isPositive();
    }

    @Test
    void batchesCarryNoMoreRecordsPerSecondThanTheLimitAndNoRecordIsLost() throws Exception {
        double recordsPerSecond = 60;
        int count = 240;
        InstillInference<Long, Long> inference =
                classify()
                        .option(InstillOptions.BATCH_MAX_SIZE, 16)
                        .option(InstillOptions.RATE_LIMIT_RECORDS_PER_SECOND, recordsPerSecond)
                        .build();

        List<long[]> samples = new ArrayList<>();
        List<Long> out = sampled(samples, () -> jobs.collect(inference.applyTo(ids(count))));

        assertThat(out).hasSize(count);
        assertThat(new HashSet<>(out)).isEqualTo(JobRuns.idsBelow(count));
        ModelStats stats = SERVER.server().stats(DefaultModels.CLASSIFIER);
        assertThat(stats.inputs()).isEqualTo(count);
        assertThat(stats.maxInputsPerCall()).isLessThanOrEqualTo(16);
        assertNoWindowExceeds(samples, 2, recordsPerSecond, "inputs");
    }

    // ---- fixtures
    // ---------------------------------------------------------------------------------------------

    /**
     * Between every two samples (nanos, calls, inputs), the server saw at most rate × (the time
     * between them + slack) + the burst of one second's worth.
     */
    private static void assertNoWindowExceeds(
            List<long[]> samples, int column, double perSecond, String what) {
        assertThat(samples).as("samples taken while the job ran").hasSizeGreaterThan(10);
        List<String> exceeded = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            for (int j = i + 1; j < samples.size(); j++) {
                double seconds = (samples.get(j)[0] - samples.get(i)[0]) / 1e9;
                long seen = samples.get(j)[column] - samples.get(i)[column];
                double bound = perSecond * (seconds + SLACK_SECONDS) + Math.max(1, perSecond);
                if (seen > bound) {
                    exceeded.add(
                            String.format("%d %s in %.2f s > %.1f", seen, what, seconds, bound));
                }
            }
        }
        assertThat(exceeded).as("windows over the rate").isEmpty();
        long total = samples.get(samples.size() - 1)[column];
        assertThat(total).as("the samples saw the whole run").isPositive();
    }

    /** Runs {@code job} while sampling the server's counters every 20 ms into {@code samples}. */
    private static <T> T sampled(List<long[]> samples, Callable<T> job) throws Exception {
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        Runnable sample =
                () -> {
                    ModelStats stats = SERVER.server().stats(DefaultModels.CLASSIFIER);
                    synchronized (samples) {
                        samples.add(new long[] {System.nanoTime(), stats.calls(), stats.inputs()});
                    }
                };
        sampler.scheduleAtFixedRate(sample, 0, 20, TimeUnit.MILLISECONDS);
        try {
            return job.call();
        } finally {
            sampler.shutdown();
            sampler.awaitTermination(5, TimeUnit.SECONDS);
            sample.run();
        }
    }

    private static InstillInference.Builder<Long, Long> classify() {
        return InstillInference.<Long>builder()
                .endpoint(SERVER.endpoint())
                .task(InstillTask.CLASSIFICATION)
                .modelName(DefaultModels.CLASSIFIER)
                .input(
                        id ->
                                new ImageInput(
                                        Image.ofBytes(
                                                TestImages.solid(
                                                        new Color((int) (id % 256), 0, 0), 4, 4))))
                .combine((id, result) -> id, Types.LONG);
    }

    private static DataStream<Long> ids(int count) {
        return JobRuns.env().fromSequence(0, count - 1);
    }
}
