package ai.instill.flink.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The reproducible throughput benchmark: starts the local model server (and an OpenAI-compatible
 * endpoint) in a child JVM with a per-call latency and a per-input service time, runs one Flink job
 * per scenario (source → enrichment → discarding sink) and writes CSV, JSON, Markdown tables and
 * PNG plots (throughput.png; latency.png when the latency group ran). See docs/performance.md.
 *
 * <pre>
 * --quick              a run of a few minutes (fewer, shorter scenarios)
 * --full               the full run (the default)
 * --seconds S          aimed length of one scenario's measured part (default 1.5 quick, 4 full;
 *                      the latency group's open-loop runs last twice as long)
 * --records N          most records of one closed-loop scenario (default 30000 quick, 100000 full)
 * --per-input-ms S     the server's per-input service time (default 0.1; 0 in the latency group)
 * --out DIR            where the result files go (default docs/performance)
 * --only GROUP[,GROUP] run only these groups: side-by-side, batching-gain, in-flight, batch-size,
 *                      order, cpu, heap, latency (added latency at a fixed offered rate),
 *                      scaling (parallelism 1, 2, 4), cache (the result cache off and on),
 *                      exact-L and jitter (unbatched at 20 ms with every call taking exactly L, and
 *                      with L drawn from L ± 10%)
 * --replot             redraw throughput.png (and latency.png) from the results.csv in --out,
 *                      without running anything
 * --variants V[,V]     run only these variants (INSTILL_BATCHED, INSTILL_UNBATCHED, INSTILL_CACHED,
 *                      HAND_ASYNC, SYNC_MAP, SQL_INSTILL, SQL_OPENAI, NOOP_ASYNC, TIMER_ASYNC); with
 *                      --only, handy for profiling one scenario
 * </pre>
 */
public final class ThroughputBenchmark {

    private ThroughputBenchmark() {}

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        if (options.replot) {
            PlotWriter.writeAll(options.out, ResultWriters.readCsv(options.out));
            return;
        }
        Files.createDirectories(options.out);
        Instant started = Instant.now();
        List<Scenario> plan = plan(options);
        System.out.printf(
                Locale.ROOT,
                "Instill connector throughput benchmark: %d scenarios, %s mode, results in %s%n",
                plan.size(),
                options.quick ? "quick" : "full",
                options.out);
        List<Measurement> results = new ArrayList<>();
        try (ServerProcess server = ServerProcess.start("-Xmx1g")) {
            JobRunner runner = new JobRunner(server, null);
            boolean openAi = runner.openAiAvailable();
            if (!openAi) {
                System.out.println(
                        "flink-model-openai is not on the class path: its rows are skipped (see"
                                + " docs/performance.md)");
            }
            // JIT and class loading warm-up of every variant in the plan, busy (L = 0) and waiting
            // (L = 5 ms), not
            // recorded, so that no scenario pays for compiling code (the compiler's threads count
            // as the job's CPU)
            for (Variant variant : plan.stream().map(Scenario::variant).distinct().toList()) {
                if (variant != Variant.SQL_OPENAI || openAi) {
                    boolean slow = variant == Variant.SYNC_MAP || variant == Variant.SQL_OPENAI;
                    // the cache's own code (digests, look-ups) runs only on prompts it may cache
                    Payload prompts =
                            variant == Variant.INSTILL_CACHED
                                    ? Payload.PROMPT_HALF_REPEATS
                                    : Payload.PROMPT;
                    runner.run(
                            new Scenario(
                                    "warm-up",
                                    variant,
                                    prompts,
                                    0,
                                    0,
                                    64,
                                    16,
                                    8,
                                    false,
                                    slow ? 2_000 : 20_000));
                    runner.run(
                            new Scenario(
                                    "warm-up",
                                    variant,
                                    prompts,
                                    5,
                                    0.1,
                                    16,
                                    4,
                                    4,
                                    false,
                                    slow ? 200 : 10_000));
                }
            }
            for (Scenario scenario : plan) {
                if (scenario.variant() == Variant.SQL_OPENAI && !openAi) {
                    continue;
                }
                System.out.print(scenario.describe() + " ... ");
                System.out.flush();
                try {
                    Measurement m = runner.run(scenario);
                    results.add(m);
                    System.out.println(summary(m));
                } catch (Exception e) {
                    System.out.println("FAILED: " + e);
                    e.printStackTrace();
                }
            }
        }
        Duration took = Duration.between(started, Instant.now());
        Machine machine =
                Machine.describe(
                        took,
                        options.quick,
                        options.perInputMs,
                        ManagementFactory.getRuntimeMXBean().getInputArguments());
        ResultWriters.write(options.out, machine, results);
        PlotWriter.writeAll(options.out, results);
        System.out.printf(Locale.ROOT, "done in %d s; wrote %s%n", took.toSeconds(), options.out);
    }

    /** The figures of one run, as printed while the benchmark goes. */
    static String summary(Measurement m) {
        Scenario s = m.scenario();
        if (s.openLoop()) {
            return String.format(
                    Locale.ROOT,
                    "offered %,.0f rec/s (%.0f%% of C/L), achieved %,.0f; added latency p50 %.2f"
                            + " ms, p99 %.2f ms, p99.9 %.2f ms (%d records, job vertices: %d)",
                    s.ratePerSecond(),
                    100 * s.load(),
                    m.recordsPerSecond(),
                    m.addedLatency().p50Ms(),
                    m.addedLatency().p99Ms(),
                    m.addedLatency().p999Ms(),
                    m.measuredRecords(),
                    m.jobVertices());
        }
        return String.format(
                Locale.ROOT,
                "%,.0f rec/s (%s of bound)%s, %.1f µs CPU/rec%s",
                m.recordsPerSecond(),
                Double.isNaN(m.ofBound())
                        ? "no"
                        : String.format(Locale.ROOT, "%.0f%%", 100 * m.ofBound()),
                s.parallelism() == 1
                        ? ""
                        : String.format(
                                Locale.ROOT,
                                ", %,.0f per subtask (job vertices: %d)",
                                m.recordsPerSecondPerSubtask(),
                                m.jobVertices()),
                m.cpuMicrosPerRecord(),
                Double.isNaN(m.heapAfterGcMiB())
                        ? ""
                        : String.format(
                                Locale.ROOT,
                                ", job heap %.0f MiB (live %.0f - before %.0f; bound %.0f)",
                                m.heapOfJobMiB(),
                                m.heapAfterGcMiB(),
                                m.heapBaselineMiB(),
                                m.heapBoundMiB()));
    }

    static List<Scenario> plan(Options o) {
        List<Scenario> plan = new ArrayList<>();
        double s = o.perInputMs;
        List<Variant> asyncVariants =
                List.of(
                        Variant.INSTILL_BATCHED,
                        Variant.INSTILL_UNBATCHED,
                        Variant.HAND_ASYNC,
                        Variant.SQL_INSTILL);
        // 1. side by side, short prompt, 64 records in flight, unordered: every variant at 0, 5
        //    and 50 ms; the async ones also at 20 ms, and with only 10 records in flight
        // (ML_PREDICT's
        //    default max-concurrent-operations) at 0 and 50 ms
        for (double latency : new double[] {0, 5, 20, 50}) {
            List<Variant> variants =
                    latency == 20
                            ? asyncVariants
                            : List.of(
                                    Variant.INSTILL_BATCHED,
                                    Variant.INSTILL_UNBATCHED,
                                    Variant.HAND_ASYNC,
                                    Variant.SYNC_MAP,
                                    Variant.SQL_INSTILL,
                                    Variant.SQL_OPENAI);
            for (Variant v : variants) {
                plan.add(sideBySide(o, v, latency, 64));
            }
        }
        // batched against unbatched at L = 0 and C = 10 in interleaved pairs (three in the full
        // run), as one reading there swings with the machine more than the two differ
        for (int pair = 0; pair < (o.quick ? 1 : 3); pair++) {
            plan.add(sideBySide(o, Variant.INSTILL_BATCHED, 0, 10));
            plan.add(sideBySide(o, Variant.INSTILL_UNBATCHED, 0, 10));
        }
        for (Variant v : asyncVariants) {
            if (v != Variant.INSTILL_BATCHED && v != Variant.INSTILL_UNBATCHED) {
                plan.add(sideBySide(o, v, 0, 10));
            }
            plan.add(sideBySide(o, v, 50, 10));
        }
        // ... and with a ~100 KiB image (classification)
        for (double latency : o.quick ? new double[] {5} : new double[] {5, 50}) {
            for (Variant v :
                    List.of(
                            Variant.INSTILL_BATCHED,
                            Variant.INSTILL_UNBATCHED,
                            Variant.HAND_ASYNC,
                            Variant.SYNC_MAP)) {
                plan.add(
                        sized(
                                o,
                                new Scenario(
                                        "side-by-side",
                                        v,
                                        Payload.IMAGE_100K,
                                        latency,
                                        s,
                                        64,
                                        16,
                                        8,
                                        false,
                                        0)));
            }
        }
        // 2. batching against one call per record with the same 8 calls in flight, 50 ms per call
        plan.add(
                sized(
                        o,
                        new Scenario(
                                "batching-gain",
                                Variant.INSTILL_BATCHED,
                                Payload.PROMPT,
                                50,
                                s,
                                256,
                                32,
                                8,
                                false,
                                0)));
        plan.add(
                sized(
                        o,
                        new Scenario(
                                "batching-gain",
                                Variant.HAND_ASYNC,
                                Payload.PROMPT,
                                50,
                                s,
                                8,
                                1,
                                8,
                                false,
                                0)));
        if (!o.quick) {
            plan.add(
                    sized(
                            o,
                            new Scenario(
                                    "batching-gain",
                                    Variant.INSTILL_UNBATCHED,
                                    Payload.PROMPT,
                                    50,
                                    s,
                                    8,
                                    1,
                                    8,
                                    false,
                                    0)));
        }
        // 3. records in flight against the bound C/L, unbatched
        for (double latency : o.quick ? new double[] {50} : new double[] {5, 50}) {
            for (int c : o.quick ? new int[] {1, 16, 256} : new int[] {1, 4, 16, 64, 256}) {
                for (Variant v : List.of(Variant.INSTILL_UNBATCHED, Variant.HAND_ASYNC)) {
                    plan.add(
                            sized(
                                    o,
                                    new Scenario(
                                            "in-flight",
                                            v,
                                            Payload.PROMPT,
                                            latency,
                                            s,
                                            c,
                                            1,
                                            c,
                                            false,
                                            0)));
                }
            }
        }
        // 4. batch size, 50 ms per call, 8 calls, 256 records in flight
        for (int b : o.quick ? new int[] {1, 16, 64} : new int[] {1, 4, 16, 64}) {
            plan.add(
                    sized(
                            o,
                            new Scenario(
                                    "batch-size",
                                    Variant.INSTILL_BATCHED,
                                    Payload.PROMPT,
                                    50,
                                    s,
                                    256,
                                    b,
                                    8,
                                    false,
                                    0)));
        }
        // 5. ordered against unordered at a uniform latency, in interleaved pairs (three in the
        // full run, as one reading
        //    swings with the machine's load), unbatched below the CPU limit (C = 16) and at it (C =
        // 64), and batched
        for (int pair = 0; pair < (o.quick ? 1 : 3); pair++) {
            for (boolean ordered : new boolean[] {false, true}) {
                for (int c : new int[] {16, 64}) {
                    plan.add(
                            sized(
                                    o,
                                    new Scenario(
                                            "order",
                                            Variant.INSTILL_UNBATCHED,
                                            Payload.PROMPT,
                                            5,
                                            s,
                                            c,
                                            1,
                                            c,
                                            ordered,
                                            0)));
                }
                plan.add(
                        sized(
                                o,
                                new Scenario(
                                        "order",
                                        Variant.INSTILL_BATCHED,
                                        Payload.PROMPT,
                                        5,
                                        s,
                                        256,
                                        32,
                                        8,
                                        ordered,
                                        0)));
            }
        }
        // 6. the connector's own cost at zero latency
        plan.add(
                sized(
                        o,
                        new Scenario(
                                "cpu",
                                Variant.NOOP_ASYNC,
                                Payload.PROMPT,
                                0,
                                0,
                                256,
                                1,
                                1,
                                false,
                                0)));
        plan.add(
                sized(
                        o,
                        new Scenario(
                                "cpu",
                                Variant.INSTILL_BATCHED,
                                Payload.PROMPT,
                                0,
                                0,
                                256,
                                64,
                                8,
                                false,
                                0)));
        plan.add(
                sized(
                        o,
                        new Scenario(
                                "cpu",
                                Variant.INSTILL_UNBATCHED,
                                Payload.PROMPT,
                                0,
                                0,
                                64,
                                1,
                                64,
                                false,
                                0)));
        plan.add(
                sized(
                        o,
                        new Scenario(
                                "cpu",
                                Variant.HAND_ASYNC,
                                Payload.PROMPT,
                                0,
                                0,
                                64,
                                1,
                                64,
                                false,
                                0)));
        // 7. heap under backpressure with 1 MiB images: the server takes 50 ms + 10 ms per image
        for (int c : o.quick ? new int[] {32} : new int[] {32, 128}) {
            plan.add(
                    new Scenario(
                            "heap",
                            Variant.INSTILL_BATCHED,
                            Payload.IMAGE_1M,
                            50,
                            10,
                            c,
                            8,
                            4,
                            false,
                            o.quick ? 300 : 600));
        }
        // 8. latency under load: records offered at a fixed rate, a share of C/L (C = 64), s = 0
        double[][] loads = {{20, 0.25}, {20, 0.5}, {20, 0.9}, {2, 0.25}, {2, 0.5}};
        for (double[] load : loads) {
            double rate = load[1] * 64 * 1000 / load[0];
            long records = Math.round(rate * 2 * o.seconds / 0.9);
            // batched with the default 8 calls in flight, and with as many calls as records; the
            // in-JVM timer is the floor that the job and the machine set under all of them
            Map<Variant, int[]> callsInFlight = new LinkedHashMap<>();
            callsInFlight.put(Variant.INSTILL_BATCHED, new int[] {8, 64});
            callsInFlight.put(Variant.INSTILL_UNBATCHED, new int[] {64});
            callsInFlight.put(Variant.HAND_ASYNC, new int[] {64});
            callsInFlight.put(Variant.TIMER_ASYNC, new int[] {64});
            callsInFlight.forEach(
                    (v, calls) -> {
                        for (int k : calls) {
                            plan.add(
                                    new Scenario(
                                                    "latency",
                                                    v,
                                                    Payload.PROMPT,
                                                    load[0],
                                                    0,
                                                    64,
                                                    16,
                                                    k,
                                                    false,
                                                    records)
                                            .withRate(rate));
                        }
                    });
        }
        // 9. scaling: p subtasks, each with 64 records in flight at 50 ms, closed loop
        for (int p : new int[] {1, 2, 4}) {
            for (Variant v : List.of(Variant.INSTILL_UNBATCHED, Variant.INSTILL_BATCHED)) {
                boolean batched = v == Variant.INSTILL_BATCHED;
                plan.add(
                        sized(
                                o,
                                new Scenario(
                                                "scaling",
                                                v,
                                                Payload.PROMPT,
                                                50,
                                                s,
                                                64,
                                                batched ? 16 : 1,
                                                batched ? 8 : 64,
                                                false,
                                                0)
                                        .withParallelism(p)));
            }
        }
        // 10. the result cache: half the records repeat earlier content, cache off and on; a hot
        //     set of prompts and of 100 KiB images, where (after the first records) every record
        //     is a hit
        for (Payload payload :
                List.of(Payload.PROMPT_HALF_REPEATS, Payload.PROMPT_HOT, Payload.IMAGE_100K_HOT)) {
            for (Variant v : List.of(Variant.INSTILL_BATCHED, Variant.INSTILL_CACHED)) {
                plan.add(sized(o, new Scenario("cache", v, payload, 20, s, 64, 16, 8, false, 0)));
            }
        }
        // 11. the wave at 20 ms: every call taking exactly L, and L drawn from L ± 10% (a real
        //     model's latency varies); unbatched in interleaved pairs (three in the full run), then
        //     the hand-written function both ways
        for (int pair = 0; pair < (o.quick ? 1 : 3); pair++) {
            plan.add(waveRun(o, "exact-L", Variant.INSTILL_UNBATCHED));
            plan.add(waveRun(o, JobRunner.JITTER_GROUP, Variant.INSTILL_UNBATCHED));
        }
        plan.add(waveRun(o, "exact-L", Variant.HAND_ASYNC));
        plan.add(waveRun(o, JobRunner.JITTER_GROUP, Variant.HAND_ASYNC));
        plan.removeIf(sc -> o.only != null && !o.only.contains(sc.group()));
        plan.removeIf(sc -> o.variants != null && !o.variants.contains(sc.variant().name()));
        return plan;
    }

    /** A run of the wave groups: short prompts at L = 20 ms, 64 records and calls in flight. */
    private static Scenario waveRun(Options o, String group, Variant v) {
        return sized(
                o, new Scenario(group, v, Payload.PROMPT, 20, o.perInputMs, 64, 16, 8, false, 0));
    }

    /** A side-by-side run on short prompts: C records in flight, B = 16, K = 8, unordered. */
    private static Scenario sideBySide(Options o, Variant v, double latencyMs, int inFlight) {
        return sized(
                o,
                new Scenario(
                        "side-by-side",
                        v,
                        Payload.PROMPT,
                        latencyMs,
                        o.perInputMs,
                        inFlight,
                        16,
                        8,
                        false,
                        0));
    }

    /**
     * Enough records for about {@code seconds} at the bound (or at what the CPU allows), within
     * limits.
     */
    private static Scenario sized(Options o, Scenario s) {
        double cpuCap = s.payload().isImage() ? 3_000 : 40_000;
        if (s.variant() == Variant.SQL_OPENAI) {
            cpuCap = 4_000;
        }
        double expected = Math.min(s.boundPerSecond(), cpuCap);
        long n = Math.round(expected * o.seconds / 0.9);
        long max = s.payload().isImage() ? o.maxRecords / 10 : o.maxRecords;
        return s.withRecords(Math.max(100, Math.min(max, n)));
    }

    /** The command line. */
    static final class Options {
        boolean quick;
        double seconds;
        long maxRecords;
        double perInputMs = 0.1;
        Path out = Path.of("docs", "performance");
        List<String> only;
        List<String> variants;
        boolean replot;

        static Options parse(String[] args) {
            Options o = new Options();
            Double seconds = null;
            Long records = null;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--quick" -> o.quick = true;
                    case "--full" -> o.quick = false;
                    case "--replot" -> o.replot = true;
                    case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                    case "--records" -> records = Long.parseLong(args[++i]);
                    case "--per-input-ms" -> o.perInputMs = Double.parseDouble(args[++i]);
                    case "--out" -> o.out = Path.of(args[++i]);
                    case "--only" -> o.only = List.of(args[++i].split(","));
                    case "--variants" ->
                            o.variants = List.of(args[++i].toUpperCase(Locale.ROOT).split(","));
                    default ->
                            throw new IllegalArgumentException(
                                    "unknown flag "
                                            + args[i]
                                            + " (flags: --quick --full --seconds S --records N"
                                            + " --per-input-ms S --out DIR --only GROUPS --variants"
                                            + " VARIANTS --replot)");
                }
            }
            o.seconds = seconds != null ? seconds : o.quick ? 1.5 : 4;
            o.maxRecords = records != null ? records : o.quick ? 30_000 : 100_000;
            return o;
        }
    }
}
