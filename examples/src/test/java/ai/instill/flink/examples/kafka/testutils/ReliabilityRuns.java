package ai.instill.flink.examples.kafka.testutils;

import ai.instill.flink.examples.JobFailure;
import ai.instill.flink.examples.kafka.KafkaEnrichmentJob;
import ai.instill.flink.examples.kafka.KafkaJobSettings;
import ai.instill.flink.examples.kafka.OutgoingRecord;
import ai.instill.flink.examples.kafka.TopicClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

/**
 * Runs one or more enrichment pipelines as one bounded job on the test's mini cluster without
 * waiting for it (so a test can inject faults while it runs), and reads the operator's metrics from
 * an {@link InMemoryReporter}.
 */
public final class ReliabilityRuns {

    /**
     * How long a test waits for a bounded job before it gives up; generous, the machine may be
     * busy.
     */
    public static final Duration JOB_TIMEOUT = Duration.ofMinutes(4);

    private ReliabilityRuns() {}

    /**
     * The test class's mini cluster: one TaskManager with two slots, reporting to {@code metrics}.
     */
    public static MiniClusterExtension miniCluster(InMemoryReporter metrics) {
        return new MiniClusterExtension(
                new MiniClusterResourceConfiguration.Builder()
                        .setNumberTaskManagers(1)
                        .setNumberSlotsPerTaskManager(2)
                        .setConfiguration(metrics.addToConfiguration(new Configuration()))
                        .build());
    }

    /**
     * One pipeline of a job: its settings and the records (key, value; a null value is a tombstone)
     * to write.
     */
    public record Pipeline(KafkaJobSettings config, List<Map.Entry<String, String>> input) {}

    /**
     * Creates the topics, writes every pipeline's input and submits one job; {@code restarts} 0
     * means none.
     */
    public static JobClient start(List<Pipeline> pipelines, int restarts) throws Exception {
        return start(pipelines, restarts, UnaryOperator.identity());
    }

    public static JobClient start(
            List<Pipeline> pipelines,
            int restarts,
            UnaryOperator<DataStream<OutgoingRecord>> beforeSink)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        KafkaEnrichmentJob.configure(env, pipelines.get(0).config());
        Configuration restart = new Configuration();
        if (restarts > 0) {
            restart.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            restart.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, restarts);
            restart.set(
                    RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY,
                    Duration.ofMillis(200));
        } else {
            restart.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        }
        env.configure(restart);
        for (Pipeline pipeline : pipelines) {
            KafkaJobSettings config = pipeline.config();
            KafkaEnrichmentJob.createTopics(config);
            TopicClient.write(config.bootstrapServers(), config.inputTopic(), pipeline.input());
            KafkaEnrichmentJob.addTo(env, config, beforeSink);
        }
        return env.executeAsync("reliability " + pipelines.get(0).config().inputTopic());
    }

    /**
     * Waits for the bounded job to finish; throws when it failed (restart strategy exhausted) or
     * took too long.
     */
    public static void awaitEnd(JobClient job) throws Exception {
        job.getJobExecutionResult().get(JOB_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Waits for a job that must fail; returns the one line the job's command line prints for its
     * failure ({@link JobFailure#oneLine}).
     */
    public static String awaitFailure(JobClient job) throws Exception {
        try {
            job.getJobExecutionResult().get(JOB_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return JobFailure.oneLine(e);
        }
        throw new AssertionError("the job finished, but it should have failed");
    }

    /** The job's {@code numRestarts}; -1 when the job reported none. */
    public static long restarts(InMemoryReporter reporter, JobID job) {
        long restarts = -1;
        for (Map.Entry<MetricGroup, Map<String, Metric>> group :
                reporter.getMetricsByGroup().entrySet()) {
            if (group.getValue().get("numRestarts") instanceof Gauge<?> gauge
                    && job.toString().equals(group.getKey().getAllVariables().get("<job_id>"))) {
                restarts = Math.max(restarts, ((Number) gauge.getValue()).longValue());
            }
        }
        return restarts;
    }

    /**
     * Waits until the condition holds, polling; fails after {@link #JOB_TIMEOUT}. No timing is
     * asserted.
     */
    public static void awaitTrue(String what, BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }

    /**
     * The sum of one Instill counter (e.g. "retries", "throttlingEvents") over all subtasks and
     * attempts of a job.
     */
    public static long counter(InMemoryReporter reporter, JobID job, String name) {
        long sum = 0;
        for (Metric metric : metrics(reporter, job, name)) {
            if (metric instanceof Counter counter) {
                sum += counter.getCount();
            }
        }
        return sum;
    }

    /**
     * Every metric called {@code name} in an {@code instill} group of the job (by group, since
     * several pipelines of one job can have operators of the same name).
     */
    public static List<Metric> metrics(InMemoryReporter reporter, JobID job, String name) {
        List<Metric> found = new java.util.ArrayList<>();
        for (Map.Entry<MetricGroup, Map<String, Metric>> group :
                reporter.getMetricsByGroup().entrySet()) {
            if (job.toString().equals(group.getKey().getAllVariables().get("<job_id>"))
                    && group.getKey().getMetricIdentifier(name).endsWith(".instill." + name)
                    && group.getValue().containsKey(name)) {
                found.add(group.getValue().get(name));
            }
        }
        return found;
    }

    /** Every metric identifier of the job and the value of every gauge, as text. */
    public static List<String> describeAll(InMemoryReporter reporter, JobID job) {
        List<String> described = new java.util.ArrayList<>();
        for (Map.Entry<MetricGroup, Map<String, Metric>> group :
                reporter.getMetricsByGroup().entrySet()) {
            if (!job.toString().equals(group.getKey().getAllVariables().get("<job_id>"))) {
                continue;
            }
            for (Map.Entry<String, Metric> metric : group.getValue().entrySet()) {
                described.add(group.getKey().getMetricIdentifier(metric.getKey()));
                if (metric.getValue() instanceof org.apache.flink.metrics.Gauge<?> gauge) {
                    try {
                        described.add(String.valueOf(gauge.getValue()));
                    } catch (RuntimeException e) {
                        // Flink 2.3.0's per-split source gauges throw (NPE) until their split
                        // has a watermark: Flink's own, and no value to leak
                        described.add("<unreadable: " + e.getClass().getSimpleName() + ">");
                    }
                }
            }
        }
        return described;
    }
}
