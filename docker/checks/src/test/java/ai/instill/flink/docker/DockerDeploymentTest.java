package ai.instill.flink.docker;

import static org.assertj.core.api.Assertions.assertThat;

import ai.instill.flink.docker.testutils.Project;
import ai.instill.flink.examples.kafka.KafkaJobSettings;
import ai.instill.flink.server.DefaultModels;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What can be checked of the Docker deployment without a Docker engine: docker/compose.yaml parses,
 * every image and jar it names is built by this project (or is an official image at the project's
 * versions), its ports, environment variables and job flags agree with the job's settings and the
 * model server's defaults, and Prometheus and Grafana are wired to Flink's Prometheus reporter.
 */
class DockerDeploymentTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final String PROMETHEUS_REPORTER =
            "org.apache.flink.metrics.prometheus.PrometheusReporterFactory";
    private static final Pattern DOLLAR_DEFAULT = Pattern.compile("\\$\\{([A-Z_]+):-([^}]*)}");

    private static Path root;
    private static JsonNode compose;
    private static String flinkDockerfile;
    private static String serverDockerfile;
    private static Project project;

    @BeforeAll
    static void load() throws Exception {
        project = Project.find();
        root = project.root();
        compose = YAML.readTree(root.resolve("docker/compose.yaml").toFile());
        flinkDockerfile = Files.readString(root.resolve("docker/Dockerfile"));
        serverDockerfile = Files.readString(root.resolve("docker/model-server/Dockerfile"));
    }

    // ---- the compose file
    // ------------------------------------------------------------------------------------------

    @Test
    void composeParsesAndHasEveryServiceOfTheStack() {
        assertThat(iterable(compose.path("services").fieldNames()))
                .contains(
                        "kafka",
                        "model-server",
                        "jobmanager",
                        "taskmanager",
                        "job-submit",
                        "prometheus",
                        "grafana");
    }

    @Test
    void everyImageIsBuiltByTheProjectOrIsAnOfficialImageAtTheProjectsVersions()
            throws IOException {
        Map<String, String> images = new HashMap<>();
        compose.path("services")
                .fields()
                .forEachRemaining(
                        service -> {
                            assertThat(service.getValue().path("image").isTextual())
                                    .as("service %s names its image", service.getKey())
                                    .isTrue();
                            images.put(service.getKey(), service.getValue().path("image").asText());
                        });
        for (Map.Entry<String, String> service : images.entrySet()) {
            String image = service.getValue();
            JsonNode build = compose.path("services").path(service.getKey()).path("build");
            if (image.startsWith("instill-flink")) {
                assertThat(image)
                        .as("project image of %s", service.getKey())
                        .endsWith(":" + project.version());
                if (!build.isObject()) {
                    // reuses an image another service builds, and must not try to pull it from a
                    // registry
                    assertThat(
                                    compose.path("services")
                                            .path(service.getKey())
                                            .path("pull_policy")
                                            .asText())
                            .as("pull_policy of %s", service.getKey())
                            .isEqualTo("never");
                    assertThat(builtImages()).as("images built by the stack").contains(image);
                    continue;
                }
                Path context =
                        root.resolve("docker").resolve(build.path("context").asText()).normalize();
                assertThat(context).as("build context of %s", service.getKey()).isEqualTo(root);
                assertThat(context.resolve(build.path("dockerfile").asText())).isRegularFile();
            } else if (image.startsWith("apache/kafka:")) {
                assertThat(image)
                        .as("official image of %s", service.getKey())
                        .isEqualTo("apache/kafka:" + project.properties().get("kafka.version"));
            } else {
                // the monitoring images, pinned to a release
                assertThat(image)
                        .as("official image of %s", service.getKey())
                        .matches("(prom/prometheus:v|grafana/grafana:)\\d+\\.\\d+\\.\\d+");
            }
        }
        assertThat(images)
                .containsEntry("jobmanager", "instill-flink:" + project.version())
                .containsEntry("taskmanager", "instill-flink:" + project.version())
                .containsEntry("job-submit", "instill-flink:" + project.version())
                .containsEntry("model-server", "instill-flink-model-server:" + project.version());
        assertThat(
                        compose.path("services")
                                .path("jobmanager")
                                .path("build")
                                .path("dockerfile")
                                .asText())
                .isEqualTo("docker/Dockerfile");
        assertThat(
                        compose.path("services")
                                .path("model-server")
                                .path("build")
                                .path("dockerfile")
                                .asText())
                .isEqualTo("docker/model-server/Dockerfile");
    }

    @Test
    void theDockerfilesUseTheProjectsFlinkAndJavaVersions() {
        assertThat(flinkDockerfile)
                .contains(
                        "ARG FLINK_IMAGE=flink:"
                                + project.properties().get("flink.version")
                                + "-java"
                                + project.properties().get("maven.compiler.release"));
        assertThat(flinkDockerfile)
                .contains("FROM maven:3.9-eclipse-temurin-17 AS build", "FROM ${FLINK_IMAGE}");
        assertThat(serverDockerfile)
                .contains(
                        "FROM maven:3.9-eclipse-temurin-17 AS build",
                        "FROM eclipse-temurin:"
                                + project.properties().get("maven.compiler.release")
                                + "-jre");
    }

    @Test
    void everyJarTheImagesHoldIsBuiltByTheProject() throws Exception {
        // the jar names come from the modules' artifactIds and shade classifiers, not from a list
        // kept here
        String examplesJob =
                project.artifactId("examples")
                        + "-*-"
                        + project.shadeClassifier("examples")
                        + ".jar";
        String sqlJar = project.artifactId("connector/flink-sql-connector-instill") + "-*.jar";
        String serverJar =
                project.artifactId("connector/instill-model-server")
                        + "-*-"
                        + project.shadeClassifier("connector/instill-model-server")
                        + ".jar";
        assertThat(flinkDockerfile)
                .contains("cp examples/target/" + examplesJob + " /out/usrlib/")
                .contains(
                        "cp connector/flink-sql-connector-instill/target/" + sqlJar + " /out/lib/")
                .contains("COPY --from=build --chown=flink:flink /out/lib/ /opt/flink/lib/")
                .contains("COPY --from=build --chown=flink:flink /out/usrlib/ /opt/flink/usrlib/");
        assertThat(serverDockerfile)
                .contains(
                        "cp connector/instill-model-server/target/"
                                + serverJar
                                + " /instill-model-server.jar")
                .contains("\"-jar\", \"/opt/instill/instill-model-server.jar\"");
        assertThat(project.mainClass("connector/instill-model-server"))
                .isEqualTo("ai.instill.flink.server.LocalModelServerMain");
        assertThat(project.mainClass("examples"))
                .isEqualTo("ai.instill.flink.examples.kafka.KafkaEnrichmentJob");

        // the jar the job-submit service runs is the one the image holds, at the project's version
        List<String> command = jobSubmitCommand(Map.of());
        String jar = command.stream().filter(arg -> arg.endsWith(".jar")).findFirst().orElseThrow();
        assertThat(jar)
                .isEqualTo(
                        "/opt/flink/usrlib/"
                                + project.artifactId("examples")
                                + "-"
                                + project.version()
                                + "-"
                                + project.shadeClassifier("examples")
                                + ".jar");
        // the Kafka SQL connector is fetched at the project's version, through a pom kept in
        // docker/
        assertThat(flinkDockerfile)
                .contains("-f docker/cluster/pom.xml -P sql-connectors")
                .contains("<flink.kafka.connector.version>");
        assertThat(flinkDockerfile).contains("cp examples/sql/enrich-with-ml-predict.sql");
        assertThat(root.resolve("examples/sql/enrich-with-ml-predict.sql")).isRegularFile();
    }

    // ---- metrics: Flink's Prometheus reporter, Prometheus, Grafana
    // ---------------------------------------------------------------------------------------

    @Test
    void prometheusScrapesTheReporterOnTheJobManagerAndEveryTaskManager() throws Exception {
        JsonNode prometheus =
                YAML.readTree(root.resolve("docker/prometheus/prometheus.yml").toFile());
        JsonNode discovery = prometheus.path("scrape_configs").get(0).path("dns_sd_configs").get(0);
        int port = discovery.path("port").asInt();

        for (String service : List.of("jobmanager", "taskmanager")) {
            Map<String, String> flink = flinkProperties(service);
            String factory = flink.get("metrics.reporter.prom.factory.class");
            assertThat(factory).as("reporter of %s", service).isEqualTo(PROMETHEUS_REPORTER);
            assertThat(flink.get("metrics.reporter.prom.port")).isEqualTo(String.valueOf(port));
            assertThat(compose.path("services").path(service).path("expose").toString())
                    .as("ports %s exposes", service)
                    .contains("\"" + port + "\"");
        }
        // the factory exists at the project's Flink version (a test dependency of this module)
        assertThat(Class.forName(PROMETHEUS_REPORTER)).isNotNull();
        // every replica of --scale taskmanager=N is a target of its own
        assertThat(discovery.path("type").asText()).isEqualTo("A");
        assertThat(iterable(discovery.path("names").elements()))
                .extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("jobmanager", "taskmanager");
        assertThat(volumes("prometheus"))
                .containsEntry("./prometheus/prometheus.yml", "/etc/prometheus/prometheus.yml");
        // the image holds the reporter where Flink looks for plugins, and the build checks it
        assertThat(flinkDockerfile)
                .contains(
                        "RUN ls"
                            + " /opt/flink/plugins/metrics-prometheus/flink-metrics-prometheus-*.jar");
    }

    @Test
    void grafanaLoadsTheDashboardWithThePrometheusDataSource() throws Exception {
        Map<String, String> volumes = volumes("grafana");
        assertThat(volumes)
                .containsEntry("./grafana/provisioning", "/etc/grafana/provisioning")
                .containsEntry("./grafana/dashboards", "/var/lib/grafana/dashboards");
        Path provisioning = root.resolve("docker/grafana/provisioning");
        JsonNode provider =
                YAML.readTree(provisioning.resolve("dashboards/instill.yaml").toFile())
                        .path("providers")
                        .get(0);
        assertThat(provider.path("options").path("path").asText())
                .isEqualTo("/var/lib/grafana/dashboards");

        JsonNode source =
                YAML.readTree(provisioning.resolve("datasources/prometheus.yaml").toFile())
                        .path("datasources")
                        .get(0);
        JsonNode prometheus =
                YAML.readTree(root.resolve("docker/prometheus/prometheus.yml").toFile());
        assertThat(source.path("type").asText()).isEqualTo("prometheus");
        assertThat(source.path("url").asText())
                .isEqualTo(
                        "http://prometheus:"
                                + compose.path("services")
                                        .path("prometheus")
                                        .path("ports")
                                        .get(0)
                                        .asText()
                                        .split(":")[1]);
        // Grafana's $__rate_interval is built on the scrape interval it is told
        assertThat(source.path("jsonData").path("timeInterval").asText())
                .isEqualTo(prometheus.path("global").path("scrape_interval").asText());

        JsonNode dashboard =
                new ObjectMapper()
                        .readTree(
                                root.resolve("docker/grafana/dashboards/instill-connector.json")
                                        .toFile());
        JsonNode variable = dashboard.path("templating").path("list").get(0);
        assertThat(variable.path("type").asText()).isEqualTo("datasource");
        assertThat(variable.path("query").asText()).isEqualTo("prometheus");
        assertThat(variable.path("current").path("value").asText())
                .isEqualTo(source.path("uid").asText());
        // every panel and query reads the selected data source, so an imported copy works too
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(panel.path("datasource").path("uid").asText())
                    .as("data source of panel %s", panel.path("title").asText())
                    .isEqualTo("${datasource}");
            panel.path("targets")
                    .forEach(
                            target ->
                                    assertThat(target.path("datasource").path("uid").asText())
                                            .isEqualTo("${datasource}"));
        }
    }

    // ---- the job's flags, the model server's port, the token
    // ------------------------------------------------------

    @Test
    void theJobSubmitFlagsAreAcceptedByTheJobWithTheirDefaults() throws Exception {
        KafkaJobSettings config = KafkaJobSettings.fromArgs(jobArguments(Map.of()));

        assertThat(config.bootstrapServers()).isEqualTo(kafkaAdvertisedListener());
        assertThat(config.endpoint()).isEqualTo("model-server:" + modelServerPort());
        assertThat(DefaultModels.all()).containsKey(config.modelName());
        assertThat(config.inputTopic())
                .isEqualTo(
                        composeSubstitute(
                                environment("sample-producer").get("INPUT_TOPIC"), Map.of()));
        assertThat(config.parallelism()).isPositive();
        assertThat(config.instillOptions().toMap()).doesNotContainKey("auth.token-env");
    }

    @Test
    void aTokenInTheHostEnvironmentIsPassedByNameOnly() throws Exception {
        KafkaJobSettings config =
                KafkaJobSettings.fromArgs(
                        jobArguments(
                                Map.of(
                                        "INSTILL_API_TOKEN",
                                        "instill_sk_from_the_host",
                                        "INSTILL_ENDPOINT",
                                        "https://api.instill-ai.com")));

        assertThat(config.endpoint()).isEqualTo("https://api.instill-ai.com");
        assertThat(
                        KafkaJobSettings.fromArgs(
                                        jobArguments(
                                                Map.of(
                                                        "JOB_EXTRA_ARGS",
                                                        "--tls.ca-file /opt/flink/certs/ca.pem"
                                                                + " --batch.max-size 32")))
                                .instillOptions()
                                .toMap())
                .containsEntry("tls.ca-file", "/opt/flink/certs/ca.pem")
                .containsEntry("batch.max-size", "32");
        assertThat(config.instillOptions().toMap())
                .containsEntry("auth.token-env", "INSTILL_API_TOKEN");
        assertThat(
                        String.join(
                                " ",
                                jobSubmitCommand(
                                        Map.of("INSTILL_API_TOKEN", "instill_sk_from_the_host"))))
                .doesNotContain("instill_sk_from_the_host");
        // the TaskManagers, which read it, get it from the host, and no service holds a literal
        // token
        assertThat(environment("taskmanager").get("INSTILL_API_TOKEN"))
                .isEqualTo("${INSTILL_API_TOKEN:-}");
        assertThat(environment("job-submit").get("INSTILL_API_TOKEN"))
                .isEqualTo("${INSTILL_API_TOKEN:-}");
        assertThat(YAML.writeValueAsString(compose)).doesNotContain("instill_sk_");
    }

    @Test
    void theModelServerListensOnItsDefaultPortOnEveryInterface() throws Exception {
        int defaultPort = defaultServerPort();
        assertThat(serverDockerfile)
                .contains("\"--host\", \"0.0.0.0\", \"--port\", \"" + defaultPort + "\"")
                .contains("EXPOSE " + defaultPort);
        assertThat(modelServerPort()).isEqualTo(defaultPort);
        assertThat(compose.path("services").path("model-server").path("healthcheck").toString())
                .contains("/" + defaultPort);
    }

    @Test
    void theFlinkServicesAgreeOnTheJobManagerAndItsRestPort() {
        assertThat(environment("jobmanager").get("FLINK_PROPERTIES"))
                .contains("jobmanager.rpc.address: jobmanager");
        assertThat(environment("taskmanager").get("FLINK_PROPERTIES"))
                .contains("jobmanager.rpc.address: jobmanager");
        assertThat(compose.path("services").path("jobmanager").path("ports").get(0).asText())
                .isEqualTo("8081:8081");
        assertThat(jobSubmitCommand(Map.of())).containsSequence("-m", "jobmanager:8081");
        assertThat(compose.path("services").path("jobmanager").path("command").asText())
                .isEqualTo("jobmanager");
        assertThat(compose.path("services").path("taskmanager").path("command").asText())
                .isEqualTo("taskmanager");
    }

    @Test
    void theClusterScriptResolvesTheProjectsVersions() throws Exception {
        Map<String, String> cluster = project.properties("docker/cluster");
        for (String key :
                List.of(
                        "flink.version",
                        "flink.kafka.connector.version",
                        "kafka.version",
                        "log4j.version")) {
            assertThat(cluster.get(key)).as(key).isEqualTo(project.properties().get(key));
        }
    }

    // ---- helpers
    // ---------------------------------------------------------------------------------------------

    /** The job's arguments: what follows the jar in the job-submit command. */
    private static String[] jobArguments(Map<String, String> hostEnvironment) {
        List<String> command = jobSubmitCommand(hostEnvironment);
        int jar = 0;
        while (!command.get(jar).endsWith(".jar")) {
            jar++;
        }
        return command.subList(jar + 1, command.size()).toArray(new String[0]);
    }

    /**
     * The job-submit command as the container's shell runs it: compose replaces {@code
     * ${VAR:-default}} from the host environment, then bash expands {@code $VAR} and {@code
     * ${VAR:+word}} from the service's environment.
     */
    private static List<String> jobSubmitCommand(Map<String, String> hostEnvironment) {
        JsonNode service = compose.path("services").path("job-submit");
        assertThat(service.path("entrypoint").toString()).isEqualTo("[\"bash\",\"-c\"]");
        Map<String, String> env = new HashMap<>();
        environment("job-submit")
                .forEach((key, value) -> env.put(key, composeSubstitute(value, hostEnvironment)));
        String script = service.path("command").get(0).asText().replace("$$", "$");
        assertThat(script).startsWith("exec /opt/flink/bin/flink run -d ");
        List<String> words = new ArrayList<>();
        Matcher word = Pattern.compile("\"([^\"]*)\"|(\\$\\{[^}]*}|\\S+)").matcher(script);
        while (word.find()) {
            String text = word.group(1) != null ? word.group(1) : word.group(2);
            Matcher plus = Pattern.compile("\\$\\{([A-Z_]+):\\+([^}]*)}").matcher(text);
            if (plus.matches()) {
                if (!env.getOrDefault(plus.group(1), "").isEmpty()) {
                    words.addAll(List.of(plus.group(2).split(" ")));
                }
                continue;
            }
            Matcher variable = Pattern.compile("\\$([A-Z_]+)").matcher(text);
            StringBuilder expanded = new StringBuilder();
            while (variable.find()) {
                assertThat(env)
                        .as("variable %s of the job-submit command", variable.group(1))
                        .containsKey(variable.group(1));
                variable.appendReplacement(
                        expanded, Matcher.quoteReplacement(env.get(variable.group(1))));
            }
            variable.appendTail(expanded);
            if (word.group(1) != null) {
                words.add(expanded.toString());
            } else {
                // an unquoted expansion is split into words, and an empty one disappears
                for (String part : expanded.toString().split("\\s+")) {
                    if (!part.isEmpty()) {
                        words.add(part);
                    }
                }
            }
        }
        return words;
    }

    /** The Flink configuration a service passes in {@code FLINK_PROPERTIES}. */
    private static Map<String, String> flinkProperties(String service) throws IOException {
        Map<String, String> properties = new HashMap<>();
        YAML.readTree(environment(service).get("FLINK_PROPERTIES"))
                .fields()
                .forEachRemaining(e -> properties.put(e.getKey(), e.getValue().asText()));
        return properties;
    }

    /** A service's bind mounts, host path to container path, without the mode. */
    private static Map<String, String> volumes(String service) {
        Map<String, String> volumes = new HashMap<>();
        compose.path("services")
                .path(service)
                .path("volumes")
                .forEach(
                        volume -> {
                            String[] parts = volume.asText().split(":");
                            volumes.put(parts[0], parts[1]);
                            assertThat(root.resolve("docker").resolve(parts[0]))
                                    .as("mounted into %s", service)
                                    .exists();
                        });
        return volumes;
    }

    private static List<String> builtImages() {
        List<String> built = new ArrayList<>();
        compose.path("services")
                .forEach(
                        service -> {
                            if (service.path("build").isObject()) {
                                built.add(service.path("image").asText());
                            }
                        });
        return built;
    }

    private static String composeSubstitute(String value, Map<String, String> hostEnvironment) {
        Matcher matcher = DOLLAR_DEFAULT.matcher(value);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String host = hostEnvironment.get(matcher.group(1));
            matcher.appendReplacement(
                    out,
                    Matcher.quoteReplacement(
                            host != null && !host.isEmpty() ? host : matcher.group(2)));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static Map<String, String> environment(String service) {
        Map<String, String> env = new HashMap<>();
        compose.path("services")
                .path(service)
                .path("environment")
                .fields()
                .forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        return env;
    }

    private static String kafkaAdvertisedListener() {
        return environment("kafka").get("KAFKA_ADVERTISED_LISTENERS").replace("PLAINTEXT://", "");
    }

    private static int modelServerPort() {
        JsonNode expose = compose.path("services").path("model-server").path("expose");
        assertThat(expose.size()).isEqualTo(1);
        return Integer.parseInt(expose.get(0).asText());
    }

    private static int defaultServerPort() throws Exception {
        Field field =
                Class.forName("ai.instill.flink.server.ServerCommandLine")
                        .getDeclaredField("DEFAULT_PORT");
        field.setAccessible(true);
        return field.getInt(null);
    }

    private static <T> Iterable<T> iterable(Iterator<T> iterator) {
        return () -> iterator;
    }
}
