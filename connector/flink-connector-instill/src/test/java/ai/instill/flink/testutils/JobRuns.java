package ai.instill.flink.testutils;

import ai.instill.flink.metrics.InferenceMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;

/**
 * Runs a job to its end on the test's mini cluster, collecting its output, and sums the connector's
 * counters of that job from an {@link InMemoryReporter} (every attempt of it, when it failed over).
 */
public final class JobRuns {
    /** Jobs run in this JVM: every job gets a name of its own, so no counter mixes two jobs. */
    private static final AtomicInteger JOBS = new AtomicInteger();

    private final InMemoryReporter reporter;
    private final String prefix;
    private String lastJob;

    public JobRuns(InMemoryReporter reporter, String prefix) {
        this.reporter = reporter;
        this.prefix = prefix;
    }

    /**
     * The test class's mini cluster: one TaskManager with two slots, reporting to {@code reporter}.
     */
    public static MiniClusterExtension miniCluster(InMemoryReporter reporter) {
        return new MiniClusterExtension(
                new MiniClusterResourceConfiguration.Builder()
                        .setNumberTaskManagers(1)
                        .setNumberSlotsPerTaskManager(2)
                        .setConfiguration(reporter.addToConfiguration(new Configuration()))
                        .build());
    }

    /** An environment on the mini cluster that uses both its slots. */
    public static StreamExecutionEnvironment env() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        return env;
    }

    /** Lets a job that a test fails on purpose restart: up to three times, 100 ms apart. */
    public static void restartOnFailure(StreamExecutionEnvironment env) {
        Configuration restart = new Configuration();
        restart.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        restart.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        restart.set(
                RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        env.configure(restart);
    }

    /** The ids 0 … count − 1 that a test's numbered stream carries. */
    public static Set<Long> idsBelow(int count) {
        return LongStream.range(0, count).boxed().collect(Collectors.toSet());
    }

    /** Runs the job of {@code stream} and returns everything it emitted. */
    public <T> List<T> collect(DataStream<T> stream) throws Exception {
        List<T> out = new ArrayList<>();
        lastJob = prefix + "-" + JOBS.incrementAndGet();
        try (CloseableIterator<T> it = stream.collectAsync()) {
            stream.getExecutionEnvironment().executeAsync(lastJob);
            it.forEachRemaining(out::add);
        }
        return out;
    }

    /** The sum over the parallel instances of one of the connector's counters in the last job. */
    public long counter(String name) {
        long total = 0;
        for (var group : reporter.getMetricsByGroup().entrySet()) {
            List<String> scope = List.of(group.getKey().getScopeComponents());
            if (scope.contains(lastJob)
                    && scope.get(scope.size() - 1).equals(InferenceMetrics.GROUP)
                    && group.getValue().get(name) instanceof Counter c) {
                total += c.getCount();
            }
        }
        return total;
    }
}
