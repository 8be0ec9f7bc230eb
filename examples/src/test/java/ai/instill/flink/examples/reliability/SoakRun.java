package ai.instill.flink.examples.reliability;

import ai.instill.flink.examples.SampleData;
import ai.instill.flink.examples.kafka.EmbeddedKafka;
import ai.instill.flink.examples.kafka.KafkaEnrichmentJob;
import ai.instill.flink.examples.kafka.KafkaJobSettings;
import ai.instill.flink.examples.kafka.TopicClient;
import ai.instill.flink.server.DefaultModels;
import ai.instill.flink.server.LocalModelServer;
import io.grpc.Status;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The soak run (not a test; run it on purpose): N records (one million by default) through the
 * Kafka enrichment job on an in-process mini cluster, embedded broker and local model server, with
 * faults injected all along (2% of calls UNAVAILABLE, 1% answered with no outputs, a burst of
 * RESOURCE_EXHAUSTED every 10 s, latency 1-5 ms) and 0.5% bad records. Every second it samples the
 * heap, the heap left after the last old-generation collection, the records in flight in the
 * Instill operators and the progress, prints them and writes them to {@code
 * target/soak/samples.csv}. At the end it counts every record by id and prints whether inputs =
 * outputs + dead letters, with no duplicate, and whether records in flight stayed within the
 * operators' capacity; the exit code is 0 only then.
 *
 * <pre>
 * mvn -q -DskipTests package exec:exec -pl examples -Ddemo.main=ai.instill.flink.examples.reliability.SoakRun \
 *     -Ddemo.args="--records 100000"
 * </pre>
 */
public final class SoakRun {

    private static final int PARALLELISM = 2;
    private static final int MAX_IN_FLIGHT = 100;

    private SoakRun() {}

    public static void main(String[] args) throws Exception {
        int records = 1_000_000;
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--records")) {
                records = Integer.parseInt(args[i + 1].replace("_", ""));
            }
        }
        Path out = Path.of("target", "soak");
        Files.createDirectories(out);
        InMemoryReporter metrics = InMemoryReporter.createWithRetainedMetrics();
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(2);
        int exit;
        try (EmbeddedKafka kafka =
                        EmbeddedKafka.start(
                                Files.createTempDirectory(out.toAbsolutePath(), "kafka-"));
                LocalModelServer server =
                        LocalModelServer.builder().withDefaultModels().build().start()) {
            server.faults(DefaultModels.COMPLETION)
                    .seed(2024)
                    .latency(Duration.ofMillis(1), Duration.ofMillis(5))
                    .errorRate(Status.Code.UNAVAILABLE, 0.02)
                    .emptyOutputsRate(0.01);
            timers.scheduleAtFixedRate(
                    () ->
                            server.faults(DefaultModels.COMPLETION)
                                    .failNext(20, Status.Code.RESOURCE_EXHAUSTED),
                    10,
                    10,
                    TimeUnit.SECONDS);

            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("bootstrap-servers", kafka.bootstrapServers());
            settings.put("input-topic", "soak.in");
            settings.put("output-topic", "soak.out");
            settings.put("dead-letter-topic", "soak.dlq");
            settings.put("task", "TEXT_GENERATION");
            settings.put("model-name", DefaultModels.COMPLETION);
            settings.put("endpoint", server.target());
            settings.put("bounded", "true");
            settings.put("checkpoint-interval", "2 s");
            settings.put("parallelism", String.valueOf(PARALLELISM));
            settings.put("topic-partitions", String.valueOf(PARALLELISM));
            settings.put("failure-policy", "DEAD_LETTER");
            settings.put("max-in-flight-records", String.valueOf(MAX_IN_FLIGHT));
            settings.put("batch.max-size", "32");
            settings.put("retry.max-attempts", "20");
            settings.put("retry.initial-backoff", "10 ms");
            settings.put("retry.max-backoff", "500 ms");
            KafkaJobSettings config = KafkaJobSettings.fromMap(settings);
            KafkaEnrichmentJob.createTopics(config);

            long started = System.nanoTime();
            int bad = write(config, records);
            System.out.printf(
                    "wrote %,d records (%,d bad) in %.1f s%n", records, bad, seconds(started));

            Configuration cluster = metrics.addToConfiguration(new Configuration());
            cluster.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            cluster.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.createLocalEnvironment(PARALLELISM, cluster);
            KafkaEnrichmentJob.configure(env, config);
            KafkaEnrichmentJob.addTo(env, config);
            long jobStarted = System.nanoTime();
            JobClient job = env.executeAsync("soak");

            Sampler sampler =
                    new Sampler(metrics, job.getJobID(), out.resolve("samples.csv"), jobStarted);
            timers.scheduleAtFixedRate(sampler, 1, 1, TimeUnit.SECONDS);
            job.getJobExecutionResult().get();
            double jobSeconds = seconds(jobStarted);
            sampler.run();
            sampler.close();
            timers.shutdownNow();

            Count output = count(config.bootstrapServers(), config.outputTopic(), records);
            Count dead = count(config.bootstrapServers(), config.deadLetterTopic(), records);
            BitSet both = (BitSet) output.seen.clone();
            both.and(dead.seen);
            BitSet all = (BitSet) output.seen.clone();
            all.or(dead.seen);
            int missing = records - all.cardinality();
            int capacity = PARALLELISM * MAX_IN_FLIGHT;
            boolean balanced =
                    output.records + dead.records == records
                            && missing == 0
                            && both.isEmpty()
                            && output.duplicates == 0
                            && dead.duplicates == 0;
            boolean bounded = sampler.maxInFlight <= capacity;
            System.out.printf(
                    "%n==== soak: %,d records in %.1f s (%,.0f rec/s) ====%n",
                    records, jobSeconds, records / jobSeconds);
            System.out.printf(
                    "inputs %,d = outputs %,d + dead letters %,d : %s (missing %d, duplicates %d,"
                            + " both %d)%n",
                    records,
                    output.records,
                    dead.records,
                    balanced ? "OK" : "MISMATCH",
                    missing,
                    output.duplicates + dead.duplicates,
                    both.cardinality());
            System.out.printf(
                    "bad records written %,d; model calls %,d, failed %,d; retries %,d; throttling"
                            + " events %,d%n",
                    bad,
                    server.stats(DefaultModels.COMPLETION).calls(),
                    server.stats(DefaultModels.COMPLETION).failedCalls(),
                    sampler.maxRetries,
                    sampler.maxThrottling);
            System.out.printf(
                    "max records in flight %d <= capacity %d : %s%n",
                    sampler.maxInFlight, capacity, bounded ? "OK" : "EXCEEDED");
            System.out.println(sampler.heapSummary());
            System.out.println("samples: " + out.resolve("samples.csv").toAbsolutePath());
            exit = balanced && bounded ? 0 : 1;
        }
        System.exit(exit);
    }

    private static int write(KafkaJobSettings config, int records) {
        int bad = 0;
        List<Map.Entry<String, String>> chunk = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            String value;
            if (i % 200 == 199) {
                value = "{\"id\": " + i + ", \"prompt\": "; // not JSON
                bad++;
            } else {
                value =
                        "{\"id\": "
                                + i
                                + ", \"prompt\": \""
                                + SampleData.prompt(i).replace("\"", "'")
                                + "\"}";
            }
            chunk.add(Map.entry("r" + i, value));
            if (chunk.size() == 20_000) {
                TopicClient.write(config.bootstrapServers(), config.inputTopic(), chunk);
                chunk.clear();
            }
        }
        TopicClient.write(config.bootstrapServers(), config.inputTopic(), chunk);
        return bad;
    }

    /** The ids seen on a topic (read_committed), how many records and how many repeats. */
    private static final class Count {
        final BitSet seen = new BitSet();
        long records;
        long duplicates;
    }

    private static Count count(String bootstrap, String topic, int records) {
        Count count = new Count();
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("isolation.level", "read_committed");
        props.put("enable.auto.commit", "false");
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> record :
                        consumer.poll(Duration.ofMillis(500))) {
                    int id = Integer.parseInt(record.key().substring(1));
                    count.records++;
                    if (count.seen.get(id)) {
                        count.duplicates++;
                    }
                    count.seen.set(id);
                }
            }
        }
        return count;
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }

    /** Samples the heap, the records in flight and the progress once a second. */
    private static final class Sampler implements Runnable {
        private final InMemoryReporter metrics;
        private final JobID job;
        private final PrintWriter csv;
        private final long startedNanos;
        private final List<long[]> heap = new ArrayList<>(); // {used, old gen after last GC}
        int maxInFlight;
        long maxRetries;
        long maxThrottling;

        Sampler(InMemoryReporter metrics, JobID job, Path file, long startedNanos)
                throws Exception {
            this.metrics = metrics;
            this.job = job;
            this.startedNanos = startedNanos;
            this.csv = new PrintWriter(Files.newBufferedWriter(file));
            csv.println(
                    "seconds,heap_used_mib,old_gen_after_gc_mib,records_in_flight,results_out,dead_lettered");
        }

        @Override
        public synchronized void run() {
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            long afterGc = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP
                        && pool.getCollectionUsage() != null
                        && (pool.getName().contains("Old") || pool.getName().contains("Tenured"))) {
                    afterGc += pool.getCollectionUsage().getUsed();
                }
            }
            int inFlight = (int) gauge("recordsInFlight");
            maxInFlight = Math.max(maxInFlight, inFlight);
            maxRetries = Math.max(maxRetries, counter("retries"));
            maxThrottling = Math.max(maxThrottling, counter("throttlingEvents"));
            heap.add(new long[] {used, afterGc});
            String line =
                    String.format(
                            "%.0f,%d,%d,%d,%d,%d",
                            seconds(startedNanos),
                            used >> 20,
                            afterGc >> 20,
                            inFlight,
                            counter("resultsOut"),
                            counter("deadLettered"));
            csv.println(line);
            csv.flush();
            System.out.println("t,heapMiB,oldAfterGcMiB,inFlight,out,dead = " + line);
        }

        long gauge(String name) {
            long sum = 0;
            for (Metric metric :
                    ai.instill.flink.examples.kafka.testutils.ReliabilityRuns.metrics(
                            metrics, job, name)) {
                if (metric instanceof Gauge<?> gauge && gauge.getValue() instanceof Number number) {
                    sum += number.longValue();
                }
            }
            return sum;
        }

        long counter(String name) {
            return ai.instill.flink.examples.kafka.testutils.ReliabilityRuns.counter(
                    metrics, job, name);
        }

        synchronized String heapSummary() {
            int tenth = Math.max(1, heap.size() / 10);
            return String.format(
                    "heap used, average MiB: first tenth %d, last tenth %d; old generation after"
                            + " GC, MiB: first tenth %d, last tenth %d, max %d (%d samples)",
                    average(0, tenth, 0),
                    average(heap.size() - tenth, heap.size(), 0),
                    average(0, tenth, 1),
                    average(heap.size() - tenth, heap.size(), 1),
                    heap.stream().mapToLong(h -> h[1]).max().orElse(0) >> 20,
                    heap.size());
        }

        private long average(int from, int to, int column) {
            return (long)
                            heap.subList(from, to).stream()
                                    .mapToLong(h -> h[column])
                                    .average()
                                    .orElse(0)
                    >> 20;
        }

        synchronized void close() {
            csv.close();
        }
    }
}
