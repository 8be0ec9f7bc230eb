package ai.instill.flink.examples;

import ai.instill.flink.examples.cli.OptionParser;
import ai.instill.flink.examples.kafka.EmbeddedKafka;
import ai.instill.flink.examples.kafka.KafkaEnrichmentJob;
import ai.instill.flink.examples.kafka.KafkaJobOptions;
import ai.instill.flink.examples.kafka.KafkaJobSettings;
import ai.instill.flink.examples.kafka.TopicClient;
import ai.instill.flink.server.DefaultModels;
import ai.instill.flink.server.LocalModelServer;
import ai.instill.flink.server.ModelList;
import ai.instill.flink.server.real.RealModels;
import ai.instill.flink.task.InstillTask;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The README's first command: starts an embedded Kafka broker, the local model server and a Flink
 * mini cluster, writes generated records for several tasks, runs the Kafka-to-Kafka enrichment job
 * on them, shows progress, a summary per task and a few enriched records, draws the vision results
 * over their input images (one PNG per task), and exits.
 *
 * <p>The local server runs real models (OCR, detection, keypoints, segmentation) where the build
 * fetched their files, and stand-ins for the rest; its banner lists which is which.
 *
 * <p>{@code --bootstrap-servers host:port} uses an existing Kafka instead of the embedded one;
 * {@code --endpoint host:port} (with {@code --token-env VAR} and {@code --model
 * task=namespace/model/version} per task) uses an existing Instill Model instead of the stand-in
 * models. {@code --records N} sets the records per task; {@code --help} lists the options ({@link
 * DemoOptions}).
 */
public final class InstillDemo {
    private static final Logger LOG = LoggerFactory.getLogger(InstillDemo.class);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PARTITIONS = 2;

    /** Records per task for a real model: its pictures repeat, and each takes tens of ms. */
    private static final int REAL_MODEL_RECORDS = 12;

    private static final OptionParser OPTIONS = new OptionParser(DemoOptions.demo());

    private final Configuration options;
    private final Map<InstillTask, String> chosenModels;

    private InstillDemo(Configuration options) {
        this.options = options;
        this.chosenModels =
                DemoOptions.models(options.getOptional(DemoOptions.MODELS).orElse(List.of()));
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help")) {
            System.out.println("Usage: InstillDemo [options]");
            System.out.print(OPTIONS.usage());
            return;
        }
        InstillDemo demo;
        try {
            demo = new InstillDemo(OPTIONS.parse(args));
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println("Run with --help to list the options.");
            System.exit(2);
            return;
        }
        int status;
        try {
            demo.run();
            status = 0;
        } catch (Exception e) {
            LOG.error("The demo failed", e);
            System.err.println("\nerror: " + JobFailure.oneLine(e));
            System.err.println(
                    "(the log, with the stack trace: "
                            + System.getProperty("java.io.tmpdir")
                            + "/instill-demo.log)");
            status = 1;
        }
        // Kafka, gRPC and Flink leave non-daemon threads behind for a while; everything of ours is
        // closed
        System.exit(status);
    }

    private void run() throws Exception {
        long started = System.nanoTime();
        int records = options.get(DemoOptions.RECORDS);
        String delivery = options.get(KafkaJobOptions.DELIVERY).toString();
        System.out.println("Instill Model x Apache Flink: Kafka-to-Kafka enrichment demo");
        System.out.println("=============================================================");

        EmbeddedKafka kafka = null;
        LocalModelServer server = null;
        try {
            String bootstrap = options.getOptional(DemoOptions.BOOTSTRAP_SERVERS).orElse(null);
            if (bootstrap == null) {
                kafka = EmbeddedKafka.start(Files.createTempDirectory("instill-demo-kafka-"));
                bootstrap = kafka.bootstrapServers();
                System.out.println("Kafka     embedded KRaft broker on " + bootstrap);
            } else {
                System.out.println("Kafka     " + bootstrap + " (yours)");
            }
            String endpoint = options.getOptional(DemoOptions.ENDPOINT).orElse(null);
            Map<InstillTask, String> models = new LinkedHashMap<>();
            if (endpoint == null) {
                server =
                        LocalModelServer.builder()
                                .port(0)
                                .withDefaultModels()
                                .withModelPacks()
                                .build()
                                .start();
                endpoint = server.target();
                System.out.println(
                        "Models    local model server on "
                                + endpoint
                                + ": real models where the build fetched them; STAND-IN models"
                                + " are deterministic reference implementations, not real AI");
                ModelList.lines(server).forEach(System.out::println);
                models.putAll(localModels());
            } else {
                System.out.println("Models    Instill Model at " + endpoint + " (yours)");
            }
            models.putAll(chosenModels);
            List<InstillTask> tasks = options.get(DemoOptions.TASKS);
            if (!tasks.isEmpty()) {
                models.keySet().retainAll(tasks);
            }
            if (models.isEmpty()) {
                throw new IllegalArgumentException(
                        "No task to run: with --endpoint, name a model per task, e.g. --model"
                                + " detection=ns/yolov7/v0.1.0");
            }

            String run = Long.toString(System.currentTimeMillis(), 36);
            List<TaskRun> runs = new ArrayList<>();
            for (Map.Entry<InstillTask, String> entry : models.entrySet()) {
                runs.add(
                        new TaskRun(
                                entry.getKey(),
                                entry.getValue(),
                                "instill-demo-"
                                        + run
                                        + "-"
                                        + entry.getKey()
                                                .name()
                                                .toLowerCase(Locale.ROOT)
                                                .replace('_', '-')));
            }

            System.out.printf(
                    "Flink     local mini cluster, parallelism %d, %s delivery%n%n",
                    PARTITIONS, delivery);
            System.out.printf(
                    "Writing %d generated records per task (+3 malformed ones each) ...%n",
                    records);
            for (TaskRun task : runs) {
                TopicClient.createTopics(
                        bootstrap,
                        PARTITIONS,
                        List.of(task.input(), task.output(), task.deadLetters()));
                boolean real = server != null && server.isReal(task.model);
                List<Map.Entry<String, String>> input =
                        DemoRecords.forTask(
                                task.task,
                                real ? Math.min(records, REAL_MODEL_RECORDS) : records,
                                real && DemoPictures.photosAvailable());
                task.recordsIn = input.size();
                TopicClient.write(bootstrap, task.input(), input);
                System.out.printf(
                        "  %-26s %4d records -> topic %s%n",
                        task.label(), input.size(), task.input());
            }

            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(PARTITIONS);
            KafkaJobSettings first = null;
            for (TaskRun task : runs) {
                Map<String, String> settings = new LinkedHashMap<>();
                settings.put("bootstrap-servers", bootstrap);
                settings.put("input-topic", task.input());
                settings.put("output-topic", task.output());
                settings.put("dead-letter-topic", task.deadLetters());
                settings.put("bounded", "true");
                settings.put("starting-offsets", "earliest");
                settings.put("task", task.task.name());
                settings.put("model-name", task.model);
                settings.put("endpoint", endpoint);
                settings.put("delivery", delivery);
                settings.put("checkpoint-interval", "1 s");
                settings.put("create-topics", "false");
                // the input is a backlog: fewer records in flight keep the latency close to the
                // model's
                settings.put("max-in-flight-records", "32");
                DemoOptions.tokenSource(options)
                        .forEach((option, value) -> settings.put(option.key(), value));
                KafkaJobSettings config = KafkaJobSettings.fromMap(settings);
                KafkaEnrichmentJob.addTo(env, config);
                first = first == null ? config : first;
            }
            KafkaEnrichmentJob.configure(env, first);
            Configuration restarts = new Configuration();
            restarts.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            restarts.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
            restarts.set(
                    RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY,
                    java.time.Duration.ofMillis(500));
            env.configure(restarts);

            System.out.printf(
                    "%nRunning the enrichment job for %d tasks (Kafka -> Instill Model -> Kafka)"
                            + " ...%n",
                    runs.size());
            long jobStart = System.currentTimeMillis();
            JobClient job =
                    env.executeAsync("Instill demo: " + runs.size() + " enrichment pipelines");
            CompletableFuture<?> done = job.getJobExecutionResult();
            try (Progress progress = new Progress(bootstrap, runs)) {
                while (!done.isDone()) {
                    try {
                        done.get(1, TimeUnit.SECONDS);
                    } catch (java.util.concurrent.TimeoutException e) {
                        // a progress line every second
                    }
                    progress.print((System.currentTimeMillis() - jobStart) / 1000.0);
                }
            }
            done.get();
            double jobSeconds = (System.currentTimeMillis() - jobStart) / 1000.0;

            for (TaskRun task : runs) {
                task.collect(bootstrap);
            }
            printSummary(runs, jobSeconds, delivery);
            printSamples(runs);
            if (server != null) {
                printPictures(runs, server);
            }
            System.out.printf(
                    "%nDone in %.1f s. Inputs = enriched + dead-lettered for every task; the output"
                            + " was read with isolation.level=read_committed.%n",
                    (System.nanoTime() - started) / 1e9);
            if (server != null) {
                List<String> real = new ArrayList<>();
                List<String> standIns = new ArrayList<>();
                for (TaskRun task : runs) {
                    (server.isReal(task.model) ? real : standIns).add(task.label());
                }
                System.out.println(
                        "(Real models answered: "
                                + (real.isEmpty() ? "none" : String.join(", ", real))
                                + ". STAND-IN models answered: "
                                + (standIns.isEmpty() ? "none" : String.join(", ", standIns))
                                + ". Point --endpoint at Instill Model for your own models.)");
            }
        } finally {
            if (server != null) {
                server.stop();
            }
            if (kafka != null) {
                kafka.close();
            }
        }
    }

    /**
     * The local server's models the demo runs: the real models' names for the vision tasks (served
     * by a labelled stand-in where the build could not fetch a model), stand-ins for the rest.
     */
    private static Map<InstillTask, String> localModels() {
        Map<InstillTask, String> models = new LinkedHashMap<>();
        models.put(InstillTask.DETECTION, RealModels.DETECTOR);
        models.put(InstillTask.OCR, RealModels.OCR);
        models.put(InstillTask.KEYPOINT, RealModels.KEYPOINT);
        models.put(InstillTask.INSTANCE_SEGMENTATION, RealModels.INSTANCE_SEGMENTER);
        models.put(InstillTask.SEMANTIC_SEGMENTATION, RealModels.SEMANTIC_SEGMENTER);
        models.put(InstillTask.TEXT_GENERATION, DefaultModels.COMPLETION);
        models.put(InstillTask.CHAT, DefaultModels.CHAT);
        return models;
    }

    // ---- output
    // ---------------------------------------------------------------------------------------------

    private static void printSummary(List<TaskRun> runs, double jobSeconds, String delivery) {
        System.out.printf("%nSummary (job %.1f s, %s)%n", jobSeconds, delivery);
        String line = "-".repeat(98);
        System.out.println(line);
        System.out.printf(
                "%-26s %10s %9s %14s %11s %10s %10s%n",
                "task", "records in", "enriched", "dead-lettered", "rec/s", "p50 ms", "p99 ms");
        System.out.println(line);
        for (TaskRun t : runs) {
            System.out.printf(
                    "%-26s %10d %9d %14d %11.0f %10.1f %10.1f%n",
                    t.label(),
                    t.recordsIn,
                    t.enriched.size(),
                    t.deadLetters.size(),
                    t.throughput(),
                    t.latencyPercentile(0.50),
                    t.latencyPercentile(0.99));
        }
        System.out.println(line);
        System.out.println(
                "rec/s: records in / time from the first record entering the Instill operator to"
                        + " the last output written.");
        System.out.println(
                "latency: per record, from entering the Instill operator to its result (batching,"
                        + " queueing and retries included).");
    }

    private static void printSamples(List<TaskRun> runs) throws Exception {
        ObjectMapper pretty = JSON.copy().enable(SerializationFeature.INDENT_OUTPUT);
        for (TaskRun t : runs) {
            System.out.printf("%n== %s: an enriched record from %s%n", t.label(), t.output());
            if (!t.enriched.isEmpty()) {
                System.out.println(
                        pretty.writeValueAsString(
                                abbreviate(JSON.readTree(t.enriched.get(0).value()))));
            }
            for (ConsumerRecord<String, String> dead : t.deadLetters) {
                JsonNode letter = JSON.readTree(dead.value());
                String code = letter.get("code").asText();
                String reason = letter.get("reason").asText();
                if (reason.startsWith(code + ": ")) {
                    reason = reason.substring(code.length() + 2);
                }
                System.out.printf(
                        "   dead letter %-6s %s (%d attempts): %s%n",
                        dead.key(),
                        code,
                        letter.get("attempts").asInt(),
                        Pretty.abbreviate(reason, 90));
            }
        }
    }

    /**
     * Draws the results of the vision tasks over their first distinct input pictures, one PNG
     * contact sheet per task, and prints where they are.
     */
    private static void printPictures(List<TaskRun> runs, LocalModelServer server)
            throws Exception {
        Path folder = Path.of(System.getProperty("java.io.tmpdir"), "instill-demo-pictures");
        System.out.printf("%nPictures (the results drawn over the inputs):%n");
        for (TaskRun t : runs) {
            if (!DemoRecords.isVision(t.task)) {
                continue;
            }
            List<JsonNode> shown = new ArrayList<>();
            for (int i = 0; i < DemoPictures.DISTINCT; i++) {
                for (ConsumerRecord<String, String> record : t.enriched) {
                    if (record.key().equals("r" + i)) {
                        shown.add(JSON.readTree(record.value()));
                        break;
                    }
                }
            }
            if (shown.isEmpty()) {
                continue;
            }
            Path sheet =
                    ResultPictures.write(
                            folder.resolve(t.label() + ".png"),
                            t.label() + "  |  " + t.model,
                            server.backend(t.model),
                            shown);
            System.out.printf("  %-26s %s%n", t.label(), sheet.toAbsolutePath());
        }
    }

    /**
     * Shortens long strings (base64 images, data URIs, RLE masks) and long arrays for the console.
     */
    static JsonNode abbreviate(JsonNode node) {
        if (node.isTextual() && node.textValue().length() > 120) {
            String text = node.textValue();
            return TextNode.valueOf(text.substring(0, 60) + "… (" + text.length() + " chars)");
        }
        if (node.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                copy.set(field.getKey(), abbreviate(field.getValue()));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JSON.createArrayNode();
            for (int i = 0; i < Math.min(node.size(), 3); i++) {
                copy.add(abbreviate(node.get(i)));
            }
            if (node.size() > 3) {
                copy.add("… " + (node.size() - 3) + " more");
            }
            return copy;
        }
        return node;
    }

    /** One task of the demo: its topics, and what came out. */
    static final class TaskRun {
        final InstillTask task;
        final String model;
        final String prefix;
        int recordsIn;
        List<ConsumerRecord<String, String>> enriched = List.of();
        List<ConsumerRecord<String, String>> deadLetters = List.of();
        double[] latencies = new double[0];
        long lastOutputMillis;
        long firstInMillis;

        TaskRun(InstillTask task, String model, String prefix) {
            this.task = task;
            this.model = model;
            this.prefix = prefix;
        }

        String label() {
            return task.name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        String input() {
            return prefix + ".in";
        }

        String output() {
            return prefix + ".enriched";
        }

        String deadLetters() {
            return prefix + ".dead-letters";
        }

        void collect(String bootstrap) throws Exception {
            enriched = TopicClient.readAll(bootstrap, output(), true);
            deadLetters = TopicClient.readAll(bootstrap, deadLetters(), true);
            latencies = new double[enriched.size()];
            for (int i = 0; i < enriched.size(); i++) {
                latencies[i] =
                        JSON.readTree(enriched.get(i).value())
                                .path("instill")
                                .path("latency_ms")
                                .asDouble();
            }
            java.util.Arrays.sort(latencies);
            firstInMillis = Long.MAX_VALUE;
            for (ConsumerRecord<String, String> r : enriched) {
                lastOutputMillis = Math.max(lastOutputMillis, r.timestamp());
                double latency =
                        JSON.readTree(r.value()).path("instill").path("latency_ms").asDouble();
                firstInMillis = Math.min(firstInMillis, r.timestamp() - (long) latency);
            }
            for (ConsumerRecord<String, String> r : deadLetters) {
                lastOutputMillis = Math.max(lastOutputMillis, r.timestamp());
            }
        }

        double throughput() {
            double seconds = Math.max(0.001, (lastOutputMillis - firstInMillis) / 1000.0);
            return recordsIn / seconds;
        }

        double latencyPercentile(double p) {
            if (latencies.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p * latencies.length) - 1;
            return latencies[Math.max(0, Math.min(latencies.length - 1, index))];
        }
    }

    /** Counts what the job has written so far (uncommitted included) and prints a line per call. */
    static final class Progress implements AutoCloseable {
        private final List<TaskRun> runs;
        private final List<TopicClient.Reader> outputs = new ArrayList<>();
        private final List<TopicClient.Reader> deadLetters = new ArrayList<>();
        private final long[] enriched;
        private final long[] dead;

        Progress(String bootstrap, List<TaskRun> runs) {
            this.runs = runs;
            for (TaskRun run : runs) {
                outputs.add(new TopicClient.Reader(bootstrap, run.output(), false));
                deadLetters.add(new TopicClient.Reader(bootstrap, run.deadLetters(), false));
            }
            enriched = new long[runs.size()];
            dead = new long[runs.size()];
        }

        void print(double seconds) {
            StringBuilder line = new StringBuilder(String.format("  [%4.1f s]", seconds));
            for (int i = 0; i < runs.size(); i++) {
                enriched[i] += outputs.get(i).pollToEnd().size();
                dead[i] += deadLetters.get(i).pollToEnd().size();
                line.append(
                        String.format(
                                "  %s %d/%d",
                                runs.get(i).label(), enriched[i] + dead[i], runs.get(i).recordsIn));
            }
            System.out.println(line);
        }

        @Override
        public void close() {
            outputs.forEach(TopicClient.Reader::close);
            deadLetters.forEach(TopicClient.Reader::close);
        }
    }

    /** The generated input records of the demo, keyed by their id. */
    static final class DemoRecords {
        private DemoRecords() {}

        /**
         * {@code realPictures}: photos and rendered text for a real model; otherwise the generated
         * shapes and bitmap captions that the stand-ins read.
         */
        static boolean isVision(InstillTask task) {
            return switch (task) {
                case CLASSIFICATION,
                        DETECTION,
                        KEYPOINT,
                        OCR,
                        INSTANCE_SEGMENTATION,
                        SEMANTIC_SEGMENTATION ->
                        true;
                default -> false;
            };
        }

        static List<Map.Entry<String, String>> forTask(
                InstillTask task, int count, boolean realPictures) throws Exception {
            List<Map.Entry<String, String>> records = new ArrayList<>();
            for (long i = 0; i < count; i++) {
                ObjectNode json = JSON.createObjectNode().put("id", "r" + i);
                switch (task) {
                    case CLASSIFICATION,
                            DETECTION,
                            KEYPOINT,
                            OCR,
                            INSTANCE_SEGMENTATION,
                            SEMANTIC_SEGMENTATION -> {
                        json.put("caption", SampleData.caption(i));
                        json.put(
                                "image",
                                realPictures
                                        ? DemoPictures.dataUri(task, i)
                                        : "data:image/png;base64,"
                                                + Base64.getEncoder()
                                                        .encodeToString(
                                                                SampleData.shapesAndText(i)));
                    }
                    case TEXT_GENERATION, TEXT_TO_IMAGE ->
                            json.put("prompt", SampleData.prompt(i)).put("max_new_tokens", 32);
                    default -> {
                        json.put("prompt", SampleData.question(i));
                        json.put("system_message", "You are a concise assistant.");
                        ArrayNode history = json.putArray("chat_history");
                        for (String[] turn : SampleData.conversation(i)) {
                            history.addObject().put("role", turn[0]).put("content", turn[1]);
                        }
                    }
                }
                records.add(Map.entry("r" + i, JSON.writeValueAsString(json)));
            }
            String field =
                    isVision(task) ? "image" : task == InstillTask.EMBEDDING ? "items" : "prompt";
            records.add(Map.entry("bad-1", "this is not JSON {"));
            records.add(
                    Map.entry(
                            "bad-2",
                            JSON.writeValueAsString(JSON.createObjectNode().put("id", "bad-2"))));
            records.add(
                    Map.entry(
                            "bad-3",
                            JSON.writeValueAsString(
                                    JSON.createObjectNode().put("id", "bad-3").put(field, 42))));
            return records;
        }
    }
}
