package ai.instill.flink.bench;

import ai.instill.flink.InputExtractor;
import ai.instill.flink.InstillInference;
import ai.instill.flink.config.InstillOptions;
import ai.instill.flink.config.OutputMode;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.async.AsyncFunction;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;

/**
 * Builds and runs the job of one {@link Scenario} (source → enrichment → discarding sink, with the
 * scenario's parallelism, in a mini cluster of this JVM with one TaskManager) and returns its
 * {@link Measurement}.
 *
 * <p>The source offers records as fast as the job takes them (closed loop), or at the scenario's
 * fixed rate ({@link FixedRateSource}, open loop): then the job runs with a buffer timeout of 0, so
 * that a record never waits in a network buffer should an operator not be chained, and the sink
 * times each record from when it was due.
 */
final class JobRunner {
    /**
     * The one-call-per-record baselines get the same generous timeout as the connector's operator.
     */
    private static final long TIMEOUT_MS = Duration.ofMinutes(5).toMillis();

    /** The group whose calls take L ± this share of L, drawn uniformly, instead of exactly L. */
    static final String JITTER_GROUP = "jitter";

    static final double JITTER_SHARE = 0.1;

    private final ServerProcess server;
    private final Path openAiJar;

    /** Runs so far: repeating payloads make their contents of it, unique to the run. */
    private long runs;

    JobRunner(ServerProcess server, Path openAiJar) {
        this.server = server;
        this.openAiJar = openAiJar;
    }

    /**
     * Whether flink-model-openai is on the class path (it is fetched by the bench profile, build
     * notes P12).
     */
    boolean openAiAvailable() {
        try {
            Class.forName("org.apache.flink.model.openai.OpenAIModelProviderFactory");
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    Path openAiJar() {
        return openAiJar != null && Files.exists(openAiJar) ? openAiJar : null;
    }

    Measurement run(Scenario scenario) throws Exception {
        runs++;
        double jitterMs =
                scenario.group().equals(JITTER_GROUP) ? scenario.latencyMs() * JITTER_SHARE : 0;
        server.timing(scenario.latencyMs(), jitterMs, scenario.perInputMs());
        long warmup = Math.max(1, scenario.records() / 10);
        // the subtasks of a parallel job start and finish at slightly different times: the
        // scaling group measures the middle eight tenths, at every parallelism alike
        long end =
                scenario.group().equals("scaling")
                        ? scenario.records() - warmup
                        : scenario.records();
        ThroughputMeter.reset(warmup, end, scenario.records(), scenario.openLoop());
        double heapBaselineMiB = Double.NaN;
        HeapSampler heap = null;
        if (scenario.group().equals("heap")) {
            heapBaselineMiB = HeapSampler.usedAfterGc() / (1024.0 * 1024.0);
            heap = HeapSampler.start();
        }
        long serverCpuBefore = server.cpuNanos();
        StreamExecutionEnvironment env = environment(scenario);
        build(env, scenario);
        int jobVertices = env.getStreamGraph(false).getJobGraph().getNumberOfVertices();
        env.execute("bench " + scenario.variant().label());
        ThroughputMeter.finish();
        long serverCpu = server.cpuNanos() - serverCpuBefore;
        double heapMiB = heap == null ? Double.NaN : heap.stop() / (1024.0 * 1024.0);
        long measured = ThroughputMeter.measuredRecords();
        double seconds = ThroughputMeter.measuredSeconds();
        long[] stats =
                scenario.variant().callsModelServer()
                        ? server.stats(scenario.payload().modelName())
                        : new long[] {-1, -1, -1, -1};
        double heapBound =
                scenario.inFlight() * (double) scenario.payload().bytes() / (1024.0 * 1024.0) + 64;
        return new Measurement(
                scenario,
                measured,
                seconds,
                measured / seconds,
                scenario.variant() == Variant.NOOP_ASYNC
                        ? Double.POSITIVE_INFINITY
                        : scenario.boundPerSecond(),
                ThroughputMeter.measuredCpuNanos() / 1000.0 / measured,
                serverCpu / 1000.0 / ThroughputMeter.count(),
                stats[0],
                (int) stats[1],
                (int) stats[2],
                heapMiB,
                heapBaselineMiB,
                heap == null ? Double.NaN : heapBound,
                AddedLatency.of(ThroughputMeter.measuredLatencies(), scenario.latencyMs()),
                jobVertices,
                stats[3],
                "");
    }

    /**
     * A local environment with the scenario's parallelism, whose mini cluster has one TaskManager
     * with a slot per subtask.
     */
    private static StreamExecutionEnvironment environment(Scenario s) {
        Configuration config = new Configuration();
        config.set(TaskManagerOptions.MINI_CLUSTER_NUM_TASK_MANAGERS, 1);
        config.set(TaskManagerOptions.NUM_TASK_SLOTS, s.parallelism());
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironment(s.parallelism(), config);
        if (s.openLoop()) {
            env.setBufferTimeout(0);
        }
        return env;
    }

    /**
     * The records: a sequence split among the subtasks, either as fast as they go or at the
     * scenario's rate, each subtask emitting its share of the rate.
     */
    private static DataStream<Long> numbers(StreamExecutionEnvironment env, Scenario s) {
        if (!s.openLoop()) {
            return env.fromSequence(0, s.records() - 1);
        }
        return env.fromSource(
                new FixedRateSource(s.records(), s.ratePerSecond() / s.parallelism()),
                WatermarkStrategy.noWatermarks(),
                "fixed-rate sequence");
    }

    private void build(StreamExecutionEnvironment env, Scenario s) {
        Payload payload = s.payload();
        switch (s.variant()) {
            case SQL_INSTILL, SQL_OPENAI -> {
                buildSql(env, s);
                return;
            }
            default -> {}
        }
        DataStream<BenchRecord> records =
                numbers(env, s)
                        .map(new MakeRecord(payload, s.openLoop(), runs))
                        .returns(TypeInformation.of(BenchRecord.class))
                        .name("records");
        DataStream<Long> enriched =
                switch (s.variant()) {
                    case INSTILL_BATCHED, INSTILL_UNBATCHED, INSTILL_CACHED ->
                            instill(s).applyTo(records);
                    case HAND_ASYNC ->
                            async(
                                    records,
                                    new HandWrittenAsyncFunction(
                                            server.grpcTarget(), payload.modelName(), payload),
                                    s);
                    case NOOP_ASYNC -> async(records, new NoOpAsyncFunction(), s);
                    case TIMER_ASYNC -> async(records, new TimerAsyncFunction(s.latencyMs()), s);
                    case SYNC_MAP ->
                            records.map(
                                            new BlockingCallMapFunction(
                                                    server.grpcTarget(),
                                                    payload.modelName(),
                                                    payload))
                                    .name("blocking calls");
                    default -> throw new IllegalStateException(s.variant().name());
                };
        enriched.sinkTo(new ThroughputMeter.MeterSink<>()).name("discard");
    }

    private InstillInference<BenchRecord, Long> instill(Scenario s) {
        boolean batched = s.variant() != Variant.INSTILL_UNBATCHED;
        return InstillInference.<BenchRecord>builder()
                .endpoint(server.grpcTarget())
                .modelName(s.payload().modelName())
                .task(s.payload().task())
                .input(new PayloadInput(s.payload()))
                .combine((record, result) -> record.dueNanos, Types.LONG)
                .outputMode(s.ordered() ? OutputMode.ORDERED : OutputMode.UNORDERED)
                .maxInFlightRecords(s.inFlight())
                .option(InstillOptions.BATCH_ENABLED, batched)
                .option(InstillOptions.BATCH_MAX_SIZE, Math.max(1, s.batchSize()))
                .option(InstillOptions.MAX_CONCURRENT_CALLS, batched ? s.calls() : s.inFlight())
                .option(InstillOptions.CACHE_ENABLED, s.variant() == Variant.INSTILL_CACHED)
                .build();
    }

    private static DataStream<Long> async(
            DataStream<BenchRecord> records,
            AsyncFunction<BenchRecord, Long> function,
            Scenario s) {
        return s.ordered()
                ? AsyncDataStream.orderedWait(
                        records, function, TIMEOUT_MS, TimeUnit.MILLISECONDS, s.inFlight())
                : AsyncDataStream.unorderedWait(
                        records, function, TIMEOUT_MS, TimeUnit.MILLISECONDS, s.inFlight());
    }

    private void buildSql(StreamExecutionEnvironment env, Scenario s) {
        if (s.openLoop()) {
            throw new IllegalArgumentException("the SQL variants run closed-loop only");
        }
        StreamTableEnvironment tables = StreamTableEnvironment.create(env);
        DataStream<Row> rows =
                numbers(env, s)
                        .map(new MakeRow())
                        .returns(
                                Types.ROW_NAMED(
                                        new String[] {"id", "prompt"}, Types.LONG, Types.STRING))
                        .name("records");
        tables.createTemporaryView("records", tables.fromDataStream(rows));
        String model;
        if (s.variant() == Variant.SQL_INSTILL) {
            model =
                    "CREATE TEMPORARY MODEL m INPUT (prompt STRING) OUTPUT (text STRING) WITH ("
                            + "'provider' = 'instill', 'endpoint' = '"
                            + server.grpcTarget()
                            + "', "
                            + "'model-name' = '"
                            + s.payload().modelName()
                            + "', 'task' = 'TEXT_GENERATION', "
                            + "'batch.enabled' = 'true', 'batch.max-size' = '"
                            + s.batchSize()
                            + "', "
                            + "'max-concurrent-calls' = '"
                            + s.calls()
                            + "')";
        } else {
            model =
                    "CREATE TEMPORARY MODEL m INPUT (prompt STRING) OUTPUT (content STRING) WITH ("
                            + "'provider' = 'openai', 'endpoint' = '"
                            + server.openAiEndpoint()
                            + "', "
                            + "'api-key' = 'not-a-key', 'model' = 'stand-in')";
        }
        tables.executeSql(model);
        Table result =
                tables.sqlQuery(
                        "SELECT * FROM ML_PREDICT(TABLE records, MODEL m, DESCRIPTOR(prompt), MAP["
                                + "'async', 'true', 'max-concurrent-operations', '"
                                + s.inFlight()
                                + "', 'timeout', '5 min', "
                                + "'output-mode', '"
                                + (s.ordered() ? "ORDERED" : "ALLOW_UNORDERED")
                                + "'])");
        tables.toDataStream(result).sinkTo(new ThroughputMeter.MeterSink<>()).name("discard");
    }

    /**
     * Makes the records of the stream from the source's numbers, which are the records' due times
     * when {@code dueTimes}.
     */
    static final class MakeRecord implements MapFunction<Long, BenchRecord> {
        private static final long serialVersionUID = 1L;
        private final Payload payload;
        private final boolean dueTimes;
        private final long run;

        MakeRecord(Payload payload, boolean dueTimes, long run) {
            this.payload = payload;
            this.dueTimes = dueTimes;
            this.run = run;
        }

        @Override
        public BenchRecord map(Long number) {
            BenchRecord record = payload.record(number, run);
            if (dueTimes) {
                record.dueNanos = number;
            }
            return record;
        }
    }

    /** Makes the rows of the SQL jobs (prompts only). */
    static final class MakeRow implements MapFunction<Long, Row> {
        private static final long serialVersionUID = 1L;

        @Override
        public Row map(Long id) {
            return Row.of(id, Payload.PROMPT_TEXT);
        }
    }

    /** The connector's input extractor for a payload. */
    static final class PayloadInput implements InputExtractor<BenchRecord> {
        private static final long serialVersionUID = 1L;
        private final Payload payload;

        PayloadInput(Payload payload) {
            this.payload = payload;
        }

        @Override
        public ai.instill.flink.task.TaskInput extract(BenchRecord record) {
            return payload.input(record);
        }
    }

    /** Answers every record at once without a call: the cost of the job around the enrichment. */
    static final class NoOpAsyncFunction implements AsyncFunction<BenchRecord, Long> {
        private static final long serialVersionUID = 1L;

        @Override
        public void asyncInvoke(BenchRecord record, ResultFuture<Long> resultFuture) {
            resultFuture.complete(List.of(record.dueNanos));
        }
    }

    /**
     * Answers each record L after it arrives from one timer thread in the job's JVM, without a
     * call: the floor under every variant's added latency in the same run.
     */
    static final class TimerAsyncFunction extends RichAsyncFunction<BenchRecord, Long> {
        private static final long serialVersionUID = 1L;
        private final long latencyNanos;
        private transient ScheduledExecutorService timer;

        TimerAsyncFunction(double latencyMs) {
            this.latencyNanos = Math.round(latencyMs * 1e6);
        }

        @Override
        public void open(OpenContext openContext) {
            timer =
                    Executors.newSingleThreadScheduledExecutor(
                            task -> {
                                Thread thread = new Thread(task, "floor-timer");
                                thread.setDaemon(true);
                                return thread;
                            });
        }

        @Override
        public void asyncInvoke(BenchRecord record, ResultFuture<Long> resultFuture) {
            timer.schedule(
                    () -> resultFuture.complete(List.of(record.dueNanos)),
                    latencyNanos,
                    TimeUnit.NANOSECONDS);
        }

        @Override
        public void close() {
            timer.shutdownNow();
        }
    }

    /**
     * Largest heap in use right after a forced full GC (the live set), sampled every second while a
     * heap scenario runs; forcing it more often slows the run it measures.
     */
    static final class HeapSampler implements Runnable {
        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private final Thread thread = new Thread(this, "heap-sampler");
        private volatile boolean running = true;
        private volatile long max;

        static HeapSampler start() {
            HeapSampler sampler = new HeapSampler();
            sampler.thread.setDaemon(true);
            sampler.thread.start();
            return sampler;
        }

        @Override
        public void run() {
            while (running) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
                System.gc();
                max = Math.max(max, memory.getHeapMemoryUsage().getUsed());
            }
        }

        /**
         * The heap in use after a full GC now: the JVM's baseline before a job (Flink's mini
         * cluster included).
         */
        static long usedAfterGc() {
            System.gc();
            return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        }

        long stop() throws InterruptedException {
            running = false;
            thread.interrupt();
            thread.join();
            return max;
        }
    }
}
