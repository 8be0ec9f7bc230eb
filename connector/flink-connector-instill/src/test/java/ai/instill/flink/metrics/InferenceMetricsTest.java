package ai.instill.flink.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;

class InferenceMetricsTest {

    @Test
    void countsFromSeveralThreadsAtOnceLoseNothing() throws InterruptedException {
        // the task thread, the connections' event loops and the engine's timer all count
        Map<String, Counter> counters = new ConcurrentHashMap<>();
        InferenceMetrics metrics = new InferenceMetrics(new CapturingGroup(counters));
        int perThread = 200_000;
        CountDownLatch start = new CountDownLatch(1);
        Thread[] threads = new Thread[2];
        for (int t = 0; t < threads.length; t++) {
            threads[t] =
                    new Thread(
                            () -> {
                                try {
                                    start.await();
                                } catch (InterruptedException e) {
                                    return;
                                }
                                for (int i = 0; i < perThread; i++) {
                                    metrics.recordArrived();
                                }
                            });
            threads[t].start();
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(counters.get("recordsIn").getCount()).isEqualTo(2L * perThread);
    }

    /** Keeps the counters registered on it, as Flink's groups do (a plain counter by default). */
    private static final class CapturingGroup extends UnregisteredMetricsGroup {
        private final Map<String, Counter> counters;

        CapturingGroup(Map<String, Counter> counters) {
            this.counters = counters;
        }

        @Override
        public Counter counter(String name) {
            return counter(name, new SimpleCounter());
        }

        @Override
        public <C extends Counter> C counter(String name, C counter) {
            counters.put(name, counter);
            return counter;
        }

        @Override
        public MetricGroup addGroup(String name) {
            return this;
        }
    }
}
