package ai.instill.flink.bench;

import ai.instill.flink.config.InstillOptions;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Writes the measurements as results.csv, results.json and results.md (machine, targets, the
 * latency-under-load and scaling tables, all other runs).
 */
final class ResultWriters {
    private static final String[] COLUMNS = {
        "group",
        "variant",
        "payload",
        "latency_ms",
        "per_input_ms",
        "in_flight",
        "batch_size",
        "calls",
        "order",
        "records",
        "records_per_s",
        "bound_per_s",
        "of_bound",
        "cpu_us_per_record",
        "records_per_core_s",
        "server_cpu_us_per_record",
        "server_calls",
        "server_max_batch",
        "server_peak_calls",
        "heap_after_gc_mib",
        "heap_baseline_mib",
        "heap_of_job_mib",
        "heap_bound_mib",
        "parallelism",
        "records_per_s_per_subtask",
        "offered_per_s",
        "load_of_c_over_l",
        "added_p50_ms",
        "added_p99_ms",
        "added_p999_ms",
        "job_vertices",
        "server_inputs",
        "hit_rate"
    };

    private ResultWriters() {}

    static void write(Path dir, Machine machine, List<Measurement> results) throws IOException {
        Files.writeString(dir.resolve("results.csv"), csv(results));
        Files.writeString(dir.resolve("results.json"), json(machine, results));
        Files.writeString(dir.resolve("results.md"), markdown(machine, results));
    }

    /**
     * Reads back a results.csv written by {@link #csv} (the figures the plots need), also one
     * written before the parallelism and latency columns.
     */
    static List<Measurement> readCsv(Path dir) throws IOException {
        List<Measurement> results = new ArrayList<>();
        List<String> lines = Files.readAllLines(dir.resolve("results.csv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.replace("\"", "").split(",", -1);
            Variant variant =
                    java.util.Arrays.stream(Variant.values())
                            .filter(v -> v.label().equals(c[1]))
                            .findFirst()
                            .orElseThrow();
            Payload payload =
                    java.util.Arrays.stream(Payload.values())
                            .filter(p -> p.label().equals(c[2]))
                            .findFirst()
                            .orElseThrow();
            boolean extended = c.length > 23;
            Scenario s =
                    new Scenario(
                            c[0],
                            variant,
                            payload,
                            num(c[3]),
                            num(c[4]),
                            (int) num(c[5]),
                            (int) num(c[6]),
                            (int) num(c[7]),
                            c[8].equals("ordered"),
                            (long) num(c[9]),
                            extended ? (int) num(c[23]) : 1,
                            extended && !c[25].isEmpty() ? num(c[25]) : 0);
            results.add(
                    new Measurement(
                            s,
                            (long) num(c[9]),
                            Double.NaN,
                            num(c[10]),
                            c[11].isEmpty() ? Double.POSITIVE_INFINITY : num(c[11]),
                            num(c[13]),
                            num(c[15]),
                            (long) num(c[16]),
                            (int) num(c[17]),
                            (int) num(c[18]),
                            num(c[19]),
                            num(c[20]),
                            num(c[22]),
                            extended
                                    ? new AddedLatency(num(c[27]), num(c[28]), num(c[29]))
                                    : AddedLatency.NONE,
                            extended ? (int) num(c[30]) : 0,
                            c.length > 31 ? (long) num(c[31]) : -1,
                            ""));
        }
        return results;
    }

    private static double num(String cell) {
        return cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
    }

    private static List<Object> row(Measurement m) {
        Scenario s = m.scenario();
        return List.of(
                s.group(),
                s.variant().label(),
                s.payload().label(),
                s.latencyMs(),
                s.perInputMs(),
                s.inFlight(),
                s.batchSize(),
                s.calls(),
                s.ordered() ? "ordered" : "unordered",
                m.measuredRecords(),
                round(m.recordsPerSecond()),
                round(m.boundPerSecond()),
                round3(m.ofBound()),
                round1(m.cpuMicrosPerRecord()),
                round(m.recordsPerCoreSecond()),
                round1(m.serverCpuMicrosPerRecord()),
                m.serverCalls(),
                m.serverMaxInputsPerCall(),
                m.serverPeakConcurrentCalls(),
                round1(m.heapAfterGcMiB()),
                round1(m.heapBaselineMiB()),
                round1(m.heapOfJobMiB()),
                round1(m.heapBoundMiB()),
                s.parallelism(),
                round(m.recordsPerSecondPerSubtask()),
                s.openLoop() ? round(s.ratePerSecond()) : Double.NaN,
                s.openLoop() ? round3(s.load()) : Double.NaN,
                round3(m.addedLatency().p50Ms()),
                round3(m.addedLatency().p99Ms()),
                round3(m.addedLatency().p999Ms()),
                m.jobVertices(),
                m.serverInputs(),
                round3(m.hitRate()));
    }

    static String csv(List<Measurement> results) {
        StringBuilder out = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        for (Measurement m : results) {
            List<String> cells = new ArrayList<>();
            for (Object cell : row(m)) {
                String text =
                        cell instanceof Double d && (d.isNaN() || d.isInfinite())
                                ? ""
                                : String.valueOf(cell);
                cells.add(text.contains(",") || text.contains(" ") ? '"' + text + '"' : text);
            }
            out.append(String.join(",", cells)).append('\n');
        }
        return out.toString();
    }

    static String json(Machine machine, List<Measurement> results) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.set("machine", mapper.valueToTree(machine));
        ArrayNode rows = root.putArray("results");
        for (Measurement m : results) {
            ObjectNode node = rows.addObject();
            List<Object> cells = row(m);
            for (int i = 0; i < COLUMNS.length; i++) {
                Object cell = cells.get(i);
                if (cell instanceof Double d) {
                    if (d.isNaN() || d.isInfinite()) {
                        node.putNull(COLUMNS[i]);
                    } else {
                        node.put(COLUMNS[i], d);
                    }
                } else if (cell instanceof Number n) {
                    node.put(COLUMNS[i], n.longValue());
                } else {
                    node.put(COLUMNS[i], String.valueOf(cell));
                }
            }
        }
        List<Measurement> latency = select(results, m -> m.scenario().openLoop());
        if (!latency.isEmpty()) {
            root.put("latency_setup", latencySetup(latency));
        }
        ArrayNode targets = root.putArray("targets");
        for (Target t : targets(results)) {
            targets.addObject().put("target", t.name).put("measured", t.measured).put("met", t.met);
        }
        return mapper.writeValueAsString(root) + "\n";
    }

    static String markdown(Machine machine, List<Measurement> results) {
        StringBuilder md = new StringBuilder();
        md.append(
                "<!-- generated by ai.instill.flink.bench.ThroughputBenchmark; do not edit"
                        + " -->\n\n");
        md.append(
                String.format(
                        Locale.ROOT,
                        "Run of %s, %s mode, %d s. Machine: %d cores (%s), %.1f GiB RAM, %s, %s."
                            + " Load average at the end: %s. Server per-input time: %.2f ms.%n%n",
                        machine.date(),
                        machine.mode(),
                        machine.durationSeconds(),
                        machine.cores(),
                        machine.cpuModel(),
                        machine.memoryGiB(),
                        machine.jdk(),
                        machine.os(),
                        machine.loadAverage(),
                        machine.perInputMs()));
        md.append("### Targets\n\n| Target | Measured | Met |\n|---|---|---|\n");
        for (Target t : targets(results)) {
            md.append("| ")
                    .append(t.name)
                    .append(" | ")
                    .append(t.measured)
                    .append(" | ")
                    .append(t.met ? "yes" : "**no**")
                    .append(" |\n");
        }
        latencyTable(md, select(results, m -> m.scenario().openLoop()));
        scalingTable(md, select(results, m -> m.scenario().group().equals("scaling")));
        cacheTable(md, select(results, m -> m.scenario().group().equals("cache")));
        md.append("\n### All other runs\n\n");
        md.append(
                "L = per-call latency, C = records in flight (capacity), B = batch size, K = calls"
                    + " in flight (batched variants), bound = what the server timing allows with"
                    + " that concurrency and no CPU cost, CPU = CPU time of the benchmark JVM"
                    + " (Flink + job + connector; the server runs in its own process) per record in"
                    + " the measured part, server CPU = the server process's CPU per record.\n\n");
        md.append(
                "| group | variant | payload | L ms | C | B | K | order | records | rec/s | bound"
                    + " rec/s | of bound | CPU µs/rec | rec/s per core | server CPU µs/rec | calls"
                    + " | max batch | peak calls | job heap MiB (bound) |\n");
        md.append(
                "|---|---|---|--:|--:|--:|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (Measurement m :
                select(
                        results,
                        m -> !m.scenario().openLoop() && !m.scenario().group().equals("scaling"))) {
            Scenario s = m.scenario();
            boolean batched =
                    s.variant() == Variant.INSTILL_BATCHED
                            || s.variant() == Variant.INSTILL_CACHED
                            || s.variant() == Variant.SQL_INSTILL;
            md.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %s | %s | %s | %d | %s | %s | %s | %,d | %,.0f | %s | %s | %.1f"
                                    + " | %s | %.1f | %s | %s | %s | %s |%n",
                            s.group(),
                            s.variant().label(),
                            s.payload().label(),
                            trim(s.latencyMs()),
                            s.inFlight(),
                            batched ? String.valueOf(s.batchSize()) : "–",
                            batched ? String.valueOf(s.calls()) : "–",
                            s.ordered() ? "ordered" : "unordered",
                            m.measuredRecords(),
                            m.recordsPerSecond(),
                            Double.isInfinite(m.boundPerSecond())
                                    ? "–"
                                    : String.format(Locale.ROOT, "%,.0f", m.boundPerSecond()),
                            Double.isNaN(m.ofBound())
                                    ? "–"
                                    : String.format(Locale.ROOT, "%.0f%%", 100 * m.ofBound()),
                            m.cpuMicrosPerRecord(),
                            Double.isNaN(m.recordsPerCoreSecond())
                                    ? "–"
                                    : String.format(Locale.ROOT, "%,.0f", m.recordsPerCoreSecond()),
                            m.serverCpuMicrosPerRecord(),
                            m.serverCalls() < 0 ? "–" : String.valueOf(m.serverCalls()),
                            m.serverMaxInputsPerCall() < 0
                                    ? "–"
                                    : String.valueOf(m.serverMaxInputsPerCall()),
                            m.serverPeakConcurrentCalls() < 0
                                    ? "–"
                                    : String.valueOf(m.serverPeakConcurrentCalls()),
                            Double.isNaN(m.heapAfterGcMiB())
                                    ? "–"
                                    : String.format(
                                            Locale.ROOT,
                                            "%.0f (%.0f)",
                                            m.heapOfJobMiB(),
                                            m.heapBoundMiB())));
        }
        return md.toString();
    }

    /** How the open-loop runs send, time and configure, for results.md and results.json. */
    static String latencySetup(List<Measurement> latency) {
        Optional<Scenario> batched =
                latency.stream()
                        .map(Measurement::scenario)
                        .filter(s -> s.variant() == Variant.INSTILL_BATCHED)
                        .findFirst();
        String vertices =
                latency.stream()
                        .map(m -> String.valueOf(m.jobVertices()))
                        .distinct()
                        .collect(Collectors.joining(" or "));
        return "Open loop: the source emits record k at start + k / rate (the offered rate) and the"
                + " sink times each record from that due time, so a record the job held back counts"
                + " its wait (no coordinated omission). Added = latency − L, what the job and the"
                + " connector add to the server's per-call latency L (per-input time s = 0); load ="
                + " offered rate / (C/L). Source, enrichment and sink run in "
                + vertices
                + " task(s) of the job graph (1 = chained in one thread), with a buffer timeout of"
                + " 0. instill (batching off) and hand-written async: C records and calls in"
                + " flight. in-JVM timer (floor): no call, each record answered L after it arrives"
                + " by a timer in the job's JVM; what the job, the JVM's pauses and this machine's"
                + " timers add on their own."
                + batched.map(
                                s ->
                                        String.format(
                                                Locale.ROOT,
                                                " instill (batching on): max-in-flight-records = C,"
                                                        + " batch.max-size = %d, batch.linger = %s"
                                                        + " ms (the default), max-concurrent-calls"
                                                        + " = K (8 is the default).",
                                                s.batchSize(),
                                                trim(
                                                        InstillOptions.BATCH_LINGER
                                                                        .defaultValue()
                                                                        .toNanos()
                                                                / 1e6)))
                        .orElse("");
    }

    private static void latencyTable(StringBuilder md, List<Measurement> latency) {
        if (latency.isEmpty()) {
            return;
        }
        md.append("\n### Latency under load\n\n").append(latencySetup(latency)).append("\n\n");
        md.append(
                "| variant | L ms | C | K | load | offered rec/s | achieved rec/s | added p50 ms |"
                        + " added p99 ms | added p99.9 ms | records |\n");
        md.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (Measurement m : latency) {
            Scenario s = m.scenario();
            AddedLatency added = m.addedLatency();
            md.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %s | %d | %d | %.0f%% | %,.0f | %,.0f | %.2f | %.2f | %.2f |"
                                    + " %,d |%n",
                            s.variant().label(),
                            trim(s.latencyMs()),
                            s.inFlight(),
                            s.calls(),
                            100 * s.load(),
                            s.ratePerSecond(),
                            m.recordsPerSecond(),
                            added.p50Ms(),
                            added.p99Ms(),
                            added.p999Ms(),
                            m.measuredRecords()));
        }
    }

    private static void cacheTable(StringBuilder md, List<Measurement> cache) {
        if (cache.isEmpty()) {
            return;
        }
        md.append("\n### Result cache\n\n");
        md.append(
                "The same stream with the cache off and on: every other record repeating an earlier"
                    + " prompt (greedy decoding, so that answers may be cached), and a hot set that"
                    + " repeats 64 prompts or 16 images of 100 KiB over and over (after the first"
                    + " records every one is a hit, so CPU µs/rec is the cost of a hit: digesting"
                    + " the input, looking it up, emitting the answer). Hit rate = 1 − inputs the"
                    + " server saw / records, over the whole run; records/s and CPU over the"
                    + " measured part.\n\n");
        md.append(
                "| variant | payload | L ms | C | B | K | records | server inputs | hit rate |"
                        + " rec/s | CPU µs/rec |\n");
        md.append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (Measurement m : cache) {
            Scenario s = m.scenario();
            md.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %s | %s | %d | %d | %d | %,d | %,d | %.1f%% | %,.0f | %.1f |%n",
                            s.variant().label(),
                            s.payload().label(),
                            trim(s.latencyMs()),
                            s.inFlight(),
                            s.batchSize(),
                            s.calls(),
                            s.records(),
                            m.serverInputs(),
                            100 * m.hitRate(),
                            m.recordsPerSecond(),
                            m.cpuMicrosPerRecord()));
        }
    }

    private static void scalingTable(StringBuilder md, List<Measurement> scaling) {
        if (scaling.isEmpty()) {
            return;
        }
        md.append("\n### Scaling with parallelism\n\n");
        md.append(
                "p subtasks, each with its own source split, enrichment and sink chained in one"
                    + " task, in one TaskManager with p slots; closed loop, measured over the"
                    + " middle eight tenths of the records (the subtasks start and end a little"
                    + " apart). C = records in flight per subtask; bound = p × what one subtask's"
                    + " concurrency allows (p × C / L unbatched); per subtask ÷ p = 1 compares"
                    + " rec/s per subtask with the same variant's at p = 1.\n\n");
        md.append(
                "| variant | L ms | C | B | K | p | rec/s | rec/s per subtask | per subtask ÷ p = 1"
                        + " | bound rec/s | of bound | CPU µs/rec | job vertices |\n");
        md.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (Measurement m : scaling) {
            Scenario s = m.scenario();
            boolean batched = s.variant() == Variant.INSTILL_BATCHED;
            Optional<Measurement> single =
                    first(
                            scaling,
                            o ->
                                    o.scenario()
                                            .withRecords(0)
                                            .equals(s.withParallelism(1).withRecords(0)));
            md.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %s | %d | %s | %s | %d | %,.0f | %,.0f | %s | %,.0f | %.0f%% |"
                                    + " %.1f | %d |%n",
                            s.variant().label(),
                            trim(s.latencyMs()),
                            s.inFlight(),
                            batched ? String.valueOf(s.batchSize()) : "–",
                            batched ? String.valueOf(s.calls()) : "–",
                            s.parallelism(),
                            m.recordsPerSecond(),
                            m.recordsPerSecondPerSubtask(),
                            single.map(
                                            o ->
                                                    String.format(
                                                            Locale.ROOT,
                                                            "%.2f",
                                                            m.recordsPerSecondPerSubtask()
                                                                    / o
                                                                            .recordsPerSecondPerSubtask()))
                                    .orElse("–"),
                            m.boundPerSecond(),
                            100 * m.ofBound(),
                            m.cpuMicrosPerRecord(),
                            m.jobVertices()));
        }
    }

    /** One target of the issue, evaluated on this run. */
    record Target(String name, String measured, boolean met) {}

    static List<Target> targets(List<Measurement> results) {
        List<Target> targets = new ArrayList<>();
        // 1. unbatched: at least 90% of C/L, over the sweep of records in flight
        List<Measurement> unbatched =
                select(
                        results,
                        m ->
                                m.scenario().group().equals("in-flight")
                                        && m.scenario().variant() == Variant.INSTILL_UNBATCHED);
        for (double latency : new double[] {5, 50}) {
            List<Measurement> atL =
                    unbatched.stream().filter(m -> m.scenario().latencyMs() == latency).toList();
            if (atL.isEmpty()) {
                continue;
            }
            StringBuilder detail = new StringBuilder();
            boolean met = true;
            for (Measurement m : atL) {
                detail.append(detail.length() == 0 ? "" : ", ")
                        .append(
                                String.format(
                                        Locale.ROOT,
                                        "C=%d %.0f%%",
                                        m.scenario().inFlight(),
                                        100 * m.ofBound()));
                met &= m.ofBound() >= 0.9;
            }
            targets.add(
                    new Target(
                            String.format(
                                    Locale.ROOT,
                                    "Unbatched, L = %s ms: ≥ 90%% of C/L per subtask",
                                    trim(latency)),
                            detail.toString(),
                            met));
        }
        // 2. batched vs hand-written with the same calls in flight
        Optional<Measurement> batched =
                first(
                        results,
                        m ->
                                m.scenario().group().equals("batching-gain")
                                        && m.scenario().variant() == Variant.INSTILL_BATCHED);
        Optional<Measurement> hand =
                first(
                        results,
                        m ->
                                m.scenario().group().equals("batching-gain")
                                        && m.scenario().variant() == Variant.HAND_ASYNC);
        if (batched.isPresent() && hand.isPresent()) {
            double ratio = batched.get().recordsPerSecond() / hand.get().recordsPerSecond();
            targets.add(
                    new Target(
                            String.format(
                                    Locale.ROOT,
                                    "Batched (B = %d, K = %d calls), L = 50 ms: ≥ 10× the"
                                            + " hand-written function with %d calls in flight",
                                    batched.get().scenario().batchSize(),
                                    batched.get().scenario().calls(),
                                    hand.get().scenario().inFlight()),
                            String.format(
                                    Locale.ROOT,
                                    "%.1f× (%,.0f vs %,.0f rec/s)",
                                    ratio,
                                    batched.get().recordsPerSecond(),
                                    hand.get().recordsPerSecond()),
                            ratio >= 10));
        }
        // 3. short prompt at zero latency, batched: ≥ 20,000 rec/s for the whole job
        Optional<Measurement> fastest =
                results.stream()
                        .filter(
                                m ->
                                        m.scenario().variant() == Variant.INSTILL_BATCHED
                                                && m.scenario().latencyMs() == 0
                                                && m.scenario().payload() == Payload.PROMPT)
                        .max((a, b) -> Double.compare(a.recordsPerSecond(), b.recordsPerSecond()));
        fastest.ifPresent(
                m ->
                        targets.add(
                                new Target(
                                        "Short prompt, L = 0, batching on: whole job ≥ 20,000 rec/s"
                                                + " (server on the same 2 cores)",
                                        String.format(
                                                Locale.ROOT,
                                                "%,.0f rec/s (C = %d, B = %d, K = %d)",
                                                m.recordsPerSecond(),
                                                m.scenario().inFlight(),
                                                m.scenario().batchSize(),
                                                m.scenario().calls()),
                                        m.recordsPerSecond() >= 20_000)));
        // 4. ordered vs unordered: the median cost over the interleaved pairs of each setting
        Map<String, List<Measurement>> orderRuns =
                results.stream()
                        .filter(m -> m.scenario().group().equals("order"))
                        .collect(
                                Collectors.groupingBy(
                                        m ->
                                                m.scenario().variant().label()
                                                        + ", L = 5 ms, C = "
                                                        + m.scenario().inFlight(),
                                        LinkedHashMap::new,
                                        Collectors.toList()));
        orderRuns.forEach(
                (setting, runs) -> {
                    List<Measurement> unordered = select(runs, m -> !m.scenario().ordered());
                    List<Measurement> ordered = select(runs, m -> m.scenario().ordered());
                    List<Double> costs = new ArrayList<>();
                    for (int i = 0; i < Math.min(unordered.size(), ordered.size()); i++) {
                        costs.add(
                                1
                                        - ordered.get(i).recordsPerSecond()
                                                / unordered.get(i).recordsPerSecond());
                    }
                    if (costs.isEmpty()) {
                        return;
                    }
                    double median = median(costs);
                    String each =
                            costs.stream()
                                    .map(c -> String.format(Locale.ROOT, "%.1f%%", 100 * c))
                                    .collect(Collectors.joining(", "));
                    targets.add(
                            new Target(
                                    "Ordered costs < 10% against unordered (" + setting + ")",
                                    String.format(
                                            Locale.ROOT,
                                            "%.1f%% (median of %d interleaved pairs: %s)",
                                            100 * median,
                                            costs.size(),
                                            each),
                                    median < 0.10));
                });
        // 5. heap under backpressure
        for (Measurement m : select(results, m -> m.scenario().group().equals("heap"))) {
            targets.add(
                    new Target(
                            String.format(
                                    Locale.ROOT,
                                    "Heap under backpressure, 1 MiB images, C = %d: < C × payload +"
                                            + " 64 MiB",
                                    m.scenario().inFlight()),
                            String.format(
                                    Locale.ROOT,
                                    "%.0f MiB held by the job (live heap %.0f MiB during the run"
                                            + " minus %.0f MiB before it); bound %.0f MiB",
                                    m.heapOfJobMiB(),
                                    m.heapAfterGcMiB(),
                                    m.heapBaselineMiB(),
                                    m.heapBoundMiB()),
                            m.heapOfJobMiB() < m.heapBoundMiB()));
        }
        flushTargets(results, targets);
        return targets;
    }

    /** The targets of the flush rules, the added latency and scaling (issue #14). */
    private static void flushTargets(List<Measurement> results, List<Target> targets) {
        // 6. fewer records in flight than a batch: batched as fast as unbatched, SQL on defaults
        List<Double> batched10 = sideBySideRates(results, Variant.INSTILL_BATCHED, 0, 10);
        List<Double> unbatched10 = sideBySideRates(results, Variant.INSTILL_UNBATCHED, 0, 10);
        if (!batched10.isEmpty() && !unbatched10.isEmpty()) {
            double b = median(batched10);
            double u = median(unbatched10);
            targets.add(
                    new Target(
                            "L = 0, C = 10 (fewer records in flight than batch.max-size):"
                                    + " batched ≥ unbatched",
                            String.format(
                                    Locale.ROOT,
                                    "median %,.0f vs %,.0f rec/s (runs: %s vs %s)",
                                    b,
                                    u,
                                    rates(batched10),
                                    rates(unbatched10)),
                            b >= u));
        }
        double tenOverL = 10 * 1000 / 50.0;
        Optional<Measurement> sql50 = sideBySide(results, Variant.SQL_INSTILL, 50, 10);
        sql50.ifPresent(
                m ->
                        targets.add(
                                new Target(
                                        "ML_PREDICT instill, default max-concurrent-operations"
                                                + " (10), L = 50 ms: ≥ 95% of 10/L",
                                        String.format(
                                                Locale.ROOT,
                                                "%,.0f rec/s, %.1f%% of 10/L",
                                                m.recordsPerSecond(),
                                                100 * m.recordsPerSecond() / tenOverL),
                                        m.recordsPerSecond() >= 0.95 * tenOverL)));
        Optional<Measurement> sql0 = sideBySide(results, Variant.SQL_INSTILL, 0, 10);
        Optional<Measurement> hand0 = sideBySide(results, Variant.HAND_ASYNC, 0, 10);
        if (sql0.isPresent() && hand0.isPresent()) {
            double q = sql0.get().recordsPerSecond();
            double h = hand0.get().recordsPerSecond();
            targets.add(
                    new Target(
                            "ML_PREDICT instill, L = 0, C = 10: ≥ the hand-written function",
                            String.format(Locale.ROOT, "%,.0f vs %,.0f rec/s", q, h),
                            q >= h));
        }
        sideBySide(results, Variant.INSTILL_UNBATCHED, 20, 64)
                .ifPresent(
                        m ->
                                targets.add(
                                        new Target(
                                                "Unbatched, L = 20 ms, C = 64: ≥ 95% of C/L",
                                                String.format(
                                                        Locale.ROOT,
                                                        "%,.0f rec/s, %.1f%%",
                                                        m.recordsPerSecond(),
                                                        100 * m.ofBound()),
                                                m.ofBound() >= 0.95)));
        // 7. added latency below half the bound C/L, beside the floor of the same L and load
        for (Measurement m :
                select(
                        results,
                        m ->
                                m.scenario().openLoop()
                                        && m.scenario().load() <= 0.5
                                        && m.scenario().variant() != Variant.TIMER_ASYNC)) {
            Scenario s = m.scenario();
            String floor =
                    select(
                                    results,
                                    f ->
                                            f.scenario().variant() == Variant.TIMER_ASYNC
                                                    && f.scenario().latencyMs() == s.latencyMs()
                                                    && f.scenario().load() == s.load())
                            .stream()
                            .findFirst()
                            .map(
                                    f ->
                                            String.format(
                                                    Locale.ROOT,
                                                    " (floor p99 %.2f)",
                                                    f.addedLatency().p99Ms()))
                            .orElse("");
            targets.add(
                    new Target(
                            String.format(
                                    Locale.ROOT,
                                    "Added latency p99 ≤ 2 ms: %s%s, L = %s ms, %.0f%% of C/L",
                                    s.variant().label(),
                                    s.variant() == Variant.INSTILL_BATCHED
                                            ? " K = " + s.calls()
                                            : "",
                                    trim(s.latencyMs()),
                                    100 * s.load()),
                            String.format(
                                    Locale.ROOT,
                                    "p50 %.2f, p99 %.2f ms%s",
                                    m.addedLatency().p50Ms(),
                                    m.addedLatency().p99Ms(),
                                    floor),
                            m.addedLatency().p99Ms() <= 2));
        }
        // 8. scaling: rec/s per subtask at p = 4 within 10% of p = 1
        for (Variant v : List.of(Variant.INSTILL_UNBATCHED, Variant.INSTILL_BATCHED)) {
            Optional<Measurement> one = scaling(results, v, 1);
            Optional<Measurement> four = scaling(results, v, 4);
            if (one.isPresent() && four.isPresent()) {
                double ratio =
                        four.get().recordsPerSecondPerSubtask()
                                / one.get().recordsPerSecondPerSubtask();
                targets.add(
                        new Target(
                                "Scaling, " + v.label() + ", L = 50 ms: p = 4 within 10% of p = 1",
                                String.format(
                                        Locale.ROOT,
                                        "%,.0f vs %,.0f rec/s per subtask (%.2f)",
                                        four.get().recordsPerSecondPerSubtask(),
                                        one.get().recordsPerSecondPerSubtask(),
                                        ratio),
                                ratio >= 0.9));
            }
        }
    }

    private static Optional<Measurement> sideBySide(
            List<Measurement> results, Variant variant, double latencyMs, int inFlight) {
        return first(results, sideBySideRun(variant, latencyMs, inFlight));
    }

    /** The rec/s of every side-by-side run of one variant, L and C, in the order they ran. */
    private static List<Double> sideBySideRates(
            List<Measurement> results, Variant variant, double latencyMs, int inFlight) {
        return select(results, sideBySideRun(variant, latencyMs, inFlight)).stream()
                .map(Measurement::recordsPerSecond)
                .toList();
    }

    /** A side-by-side run of the short prompt with one variant, L and C. */
    private static Predicate<Measurement> sideBySideRun(
            Variant variant, double latencyMs, int inFlight) {
        return m ->
                m.scenario().group().equals("side-by-side")
                        && m.scenario().payload() == Payload.PROMPT
                        && m.scenario().variant() == variant
                        && m.scenario().latencyMs() == latencyMs
                        && m.scenario().inFlight() == inFlight;
    }

    /** The median of {@code values}, which is not empty. */
    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String rates(List<Double> values) {
        return values.stream()
                .map(v -> String.format(Locale.ROOT, "%,.0f", v))
                .collect(Collectors.joining(", "));
    }

    private static Optional<Measurement> scaling(
            List<Measurement> results, Variant variant, int parallelism) {
        return first(
                results,
                m ->
                        m.scenario().group().equals("scaling")
                                && m.scenario().variant() == variant
                                && m.scenario().parallelism() == parallelism);
    }

    private static List<Measurement> select(
            List<Measurement> results, Predicate<Measurement> filter) {
        return results.stream().filter(filter).toList();
    }

    private static Optional<Measurement> first(
            List<Measurement> results, Predicate<Measurement> filter) {
        return results.stream().filter(filter).findFirst();
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static double round(double v) {
        return Double.isFinite(v) ? Math.round(v) : v;
    }

    private static double round1(double v) {
        return Double.isFinite(v) ? Math.round(v * 10) / 10.0 : v;
    }

    private static double round3(double v) {
        return Double.isFinite(v) ? Math.round(v * 1000) / 1000.0 : v;
    }
}
