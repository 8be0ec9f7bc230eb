package ai.instill.flink.docker;

import static org.assertj.core.api.Assertions.assertThat;

import ai.instill.flink.InstillInference;
import ai.instill.flink.docker.testutils.GrafanaDashboard;
import ai.instill.flink.docker.testutils.PromQuery;
import ai.instill.flink.docker.testutils.PrometheusScrape;
import ai.instill.flink.docker.testutils.PrometheusScrape.Gap;
import ai.instill.flink.docker.testutils.PrometheusScrape.Sample;
import ai.instill.flink.server.DefaultModels;
import ai.instill.flink.server.testing.LocalModelServerExtension;
import ai.instill.flink.task.InstillTask;
import ai.instill.flink.task.TextGenerationInput;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Grafana dashboard against what Flink's Prometheus reporter really exports: a job with an
 * Instill operator runs on a mini cluster with the reporter on a free port, and every metric and
 * label the dashboard's queries name must be in a scrape of its endpoint, with the labels
 * docs/metrics.md documents.
 */
class PrometheusDashboardITCase {
    static final String PREFIX = "flink_taskmanager_job_task_operator_instill_";
    private static final int REPORTER_PORT = freePort();
    private static final int PARALLELISM = 2;

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(PARALLELISM)
                            .setConfiguration(reporter(REPORTER_PORT))
                            .build());

    @RegisterExtension
    static final LocalModelServerExtension SERVER = new LocalModelServerExtension();

    private static Path root;
    private static JobClient job;
    private static PrometheusScrape scrape;

    /** The reporter as compose.yaml and the Kubernetes manifests configure it. */
    static Configuration reporter(int port) {
        Configuration config = new Configuration();
        config.setString(
                "metrics.reporter.prom.factory.class",
                "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        config.setString("metrics.reporter.prom.port", String.valueOf(port));
        return config;
    }

    /** Once, in the first test: the mini cluster's environment is in place from then on. */
    @BeforeEach
    void runAJobAndScrapeIt() throws Exception {
        if (scrape != null) {
            return;
        }
        root = Path.of("").toAbsolutePath();
        while (!Files.exists(root.resolve("docker/compose.yaml"))) {
            root = root.getParent();
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(PARALLELISM);
        // unbounded, so that the operator and its metrics are still registered when scraped
        DataGeneratorSource<String> prompts =
                new DataGeneratorSource<>(
                        i -> "prompt " + i,
                        Long.MAX_VALUE,
                        RateLimiterStrategy.perSecond(100),
                        Types.STRING);
        InstillInference<String, String> inference =
                InstillInference.<String>builder()
                        .endpoint(SERVER.endpoint())
                        .task(InstillTask.TEXT_GENERATION)
                        .modelName(DefaultModels.COMPLETION)
                        .input(prompt -> TextGenerationInput.builder().prompt(prompt).build())
                        .combine((prompt, result) -> prompt, Types.STRING)
                        .build();
        inference
                .applyTo(env.fromSource(prompts, WatermarkStrategy.noWatermarks(), "prompts"))
                .sinkTo(new DiscardingSink<>());
        job = env.executeAsync("Instill dashboard check: prompts -> nowhere");

        // every subtask has answered records, so its histograms hold values
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        do {
            Thread.sleep(200);
            scrape = PrometheusScrape.parse(scrapeText());
        } while (answeringSubtasks(scrape) < PARALLELISM && System.nanoTime() < deadline);
        assertThat(answeringSubtasks(scrape))
                .as("subtasks with results in the scrape of port %d", REPORTER_PORT)
                .isEqualTo(PARALLELISM);
    }

    @AfterAll
    static void cancel() throws Exception {
        if (job != null) {
            job.cancel().get();
        }
    }

    @Test
    void everyMetricAndLabelTheDashboardQueriesIsExported() throws IOException {
        GrafanaDashboard dashboard =
                GrafanaDashboard.read(
                        root.resolve("docker/grafana/dashboards/instill-connector.json"));
        List<Gap> gaps = new ArrayList<>();
        for (String query : dashboard.queries()) {
            gaps.addAll(scrape.gaps(PromQuery.parse(query)));
        }
        Set<String> missing = new TreeSet<>();
        gaps.stream().filter(Gap::metricMissing).forEach(gap -> missing.add(gap.metric()));

        assertThat(dashboard.queries()).hasSizeGreaterThan(20);
        assertThat(missing)
                .as(
                        "metrics the dashboard queries that the reporter does not export"
                                + " (docker/grafana/dashboards/instill-connector.json)")
                .isEmpty();
        assertThat(gaps)
                .as("series or labels the dashboard queries that are not exported")
                .isEmpty();
    }

    @Test
    void everyConnectorMetricCarriesTheDocumentedLabels() throws IOException {
        Set<String> documented = documentedLabels();
        List<Sample> connector =
                scrape.samples().stream().filter(s -> s.name().startsWith(PREFIX)).toList();

        assertThat(documented).contains("job_name", "operator_name", "subtask_index", "tm_id");
        assertThat(connector)
                .isNotEmpty()
                .allSatisfy(
                        sample -> {
                            Set<String> labels = new HashSet<>(sample.labels().keySet());
                            labels.remove("quantile");
                            assertThat(labels).as(sample.name()).isEqualTo(documented);
                        });
        // histograms become summaries: the documented quantiles and a _count, no _sum
        assertThat(
                        connector.stream()
                                .filter(s -> s.name().equals(PREFIX + "recordLatencyMs"))
                                .map(s -> s.labels().get("quantile"))
                                .distinct())
                .containsExactlyInAnyOrder("0.5", "0.75", "0.95", "0.98", "0.99", "0.999");
        assertThat(connector).anyMatch(s -> s.name().equals(PREFIX + "recordLatencyMs_count"));
        assertThat(connector).noneMatch(s -> s.name().endsWith("_sum"));
    }

    // ---- helpers
    // ---------------------------------------------------------------------------------------------

    private static long answeringSubtasks(PrometheusScrape scrape) {
        return scrape.samples().stream()
                .filter(s -> s.name().equals(PREFIX + "resultsOut"))
                .filter(s -> Double.parseDouble(s.value()) > 0)
                .map(s -> s.labels().get("subtask_index"))
                .distinct()
                .count();
    }

    private static String scrapeText() throws IOException, InterruptedException {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + REPORTER_PORT + "/metrics"))
                        .timeout(Duration.ofSeconds(10))
                        .build();
        try {
            return HttpClient.newHttpClient()
                    .send(request, HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException notYetListening) {
            return "";
        }
    }

    /** The labels in the table under "### Labels" of docs/metrics.md. */
    private static Set<String> documentedLabels() throws IOException {
        String doc = Files.readString(root.resolve("docs/metrics.md"));
        int start = doc.indexOf("\n### Labels");
        assertThat(start).as("a '### Labels' section in docs/metrics.md").isPositive();
        int end = doc.indexOf("\n#", start + 1);
        Matcher row =
                Pattern.compile("(?m)^\\| `([a-z_]+)` \\|")
                        .matcher(doc.substring(start, end < 0 ? doc.length() : end));
        Set<String> labels = new TreeSet<>();
        while (row.find()) {
            labels.add(row.group(1));
        }
        labels.remove("quantile");
        return labels;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
