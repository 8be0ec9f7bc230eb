package ai.instill.flink.examples.reliability;

import static ai.instill.flink.examples.kafka.testutils.EnrichmentRuns.committed;
import static ai.instill.flink.examples.kafka.testutils.EnrichmentRuns.object;
import static org.assertj.core.api.Assertions.assertThat;

import ai.instill.flink.examples.SampleData;
import ai.instill.flink.examples.kafka.KafkaJobSettings;
import ai.instill.flink.examples.kafka.testutils.EnrichmentRuns;
import ai.instill.flink.examples.kafka.testutils.KafkaAndModelServer;
import ai.instill.flink.examples.kafka.testutils.Ledger;
import ai.instill.flink.examples.kafka.testutils.ReliabilityRuns;
import ai.instill.flink.examples.kafka.testutils.ReliabilityRuns.Pipeline;
import ai.instill.flink.server.DefaultModels;
import io.grpc.Status;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A TaskManager dies in the middle of the stream: the job restarts from its last checkpoint on the
 * TaskManager that is left, and the committed output still holds exactly one record per input.
 */
class TaskManagerFailoverReliabilityITCase {

    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(2)
                            .setNumberSlotsPerTaskManager(2)
                            .setConfiguration(cluster())
                            .build());

    @RegisterExtension static final KafkaAndModelServer STACK = new KafkaAndModelServer();

    private static Configuration cluster() {
        Configuration config = METRICS.addToConfiguration(new Configuration());
        // one subtask per TaskManager, so that losing either one hits the job
        config.set(
                TaskManagerOptions.TASK_MANAGER_LOAD_BALANCE_MODE,
                TaskManagerOptions.TaskManagerLoadBalanceMode.SLOTS);
        return config;
    }

    @Test
    void losingATaskManagerMidStreamStillCommitsExactlyOneOutputPerInput(
            @InjectMiniCluster MiniCluster miniCluster) throws Exception {
        int count = 400;
        STACK.server()
                .faults(DefaultModels.CLASSIFIER)
                .seed(11)
                .latency(Duration.ofMillis(15))
                .errorRate(Status.Code.UNAVAILABLE, 0.1);
        Map<String, String> settings =
                EnrichmentRuns.settings(
                        STACK.kafka().bootstrapServers(),
                        "tm-failover",
                        "classification",
                        DefaultModels.CLASSIFIER,
                        STACK.server().target());
        settings.put("failure-policy", "DEAD_LETTER");
        settings.put("batch.max-size", "4");
        settings.put("max-concurrent-calls", "2");
        settings.put("retry.initial-backoff", "5 ms");
        settings.put("retry.max-attempts", "20");
        KafkaJobSettings config = KafkaJobSettings.fromMap(settings);
        List<Map.Entry<String, String>> input =
                IntStream.range(0, count)
                        .mapToObj(
                                i ->
                                        Map.entry(
                                                "k" + i,
                                                object(
                                                        "id",
                                                        "k" + i,
                                                        "image",
                                                        "data:image/png;base64,"
                                                                + Base64.getEncoder()
                                                                        .encodeToString(
                                                                                SampleData.solid(
                                                                                        i)))))
                        .toList();

        JobClient job = ReliabilityRuns.start(List.of(new Pipeline(config, input)), 5);
        ReliabilityRuns.awaitTrue(
                "a third of the records reached the model",
                () -> STACK.server().stats(DefaultModels.CLASSIFIER).inputs() >= count / 3);
        long inputsAtFailure = STACK.server().stats(DefaultModels.CLASSIFIER).inputs();
        miniCluster.terminateTaskManager(0).get();
        ReliabilityRuns.awaitEnd(job);

        assertThat(inputsAtFailure)
                .as("the TaskManager died in the middle of the stream")
                .isLessThan(count);
        assertThat(ReliabilityRuns.restarts(METRICS, job.getJobID()))
                .as("the job restarted after losing the TaskManager")
                .isPositive();
        Ledger ledger =
                Ledger.of(
                                committed(STACK.kafka().bootstrapServers(), config.outputTopic()),
                                committed(
                                        STACK.kafka().bootstrapServers(), config.deadLetterTopic()))
                        .balance(input.stream().map(Map.Entry::getKey).toList());
        assertThat(ledger.outputCount()).isEqualTo(400);
        assertThat(ledger.deadLetterCount()).isZero();
        // model calls are at-least-once: what was in flight or after the last checkpoint was sent
        // again
        assertThat(STACK.server().stats(DefaultModels.CLASSIFIER).inputs())
                .isGreaterThanOrEqualTo(count);
    }
}
