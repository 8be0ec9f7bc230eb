package ai.instill.flink.docker;

import static org.assertj.core.api.Assertions.assertThat;

import ai.instill.flink.docker.testutils.Project;
import ai.instill.flink.examples.kafka.KafkaJobOptions;
import ai.instill.flink.examples.kafka.KafkaJobSettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What can be checked of the Kubernetes manifests (docker/kubernetes) without a cluster: they
 * parse, and the image, the jar, the entry class, the job's flags, the token's variable and the
 * metrics port agree with the project, the Dockerfile and the job's settings parser.
 */
class KubernetesDeploymentTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static Project project;
    private static Path folder;
    private static JsonNode deployment;
    private static JsonNode spec;
    private static List<JsonNode> documents;

    @BeforeAll
    static void load() throws Exception {
        project = Project.find();
        folder = project.root().resolve("docker/kubernetes");
        documents = new ArrayList<>();
        try (var files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                documents.addAll(
                        YAML.readValues(YAML.createParser(file.toFile()), JsonNode.class)
                                .readAll());
            }
        }
        deployment = only("FlinkDeployment");
        spec = deployment.path("spec");
    }

    @Test
    void theManifestsParseIntoKubernetesObjects() {
        assertThat(documents)
                .allSatisfy(
                        d -> {
                            assertThat(d.path("apiVersion").asText()).isNotBlank();
                            assertThat(d.path("metadata").path("name").asText()).isNotBlank();
                        });
        assertThat(documents)
                .extracting(d -> d.path("kind").asText())
                .contains("FlinkDeployment", "PersistentVolumeClaim", "PodMonitor");
        assertThat(deployment.path("apiVersion").asText()).isEqualTo("flink.apache.org/v1beta1");
    }

    @Test
    void theDeploymentRunsTheProjectsImageAtItsFlinkVersion() {
        // the image docker/Dockerfile builds, tagged as compose.yaml tags it
        assertThat(spec.path("image").asText()).isEqualTo("instill-flink:" + project.version());
        String[] flink = project.properties().get("flink.version").split("\\.");
        assertThat(spec.path("flinkVersion").asText()).isEqualTo("v" + flink[0] + "_" + flink[1]);
    }

    @Test
    void theJobIsTheJobJarTheImageHoldsWithItsEntryClass() throws Exception {
        JsonNode job = spec.path("job");
        assertThat(job.path("jarURI").asText())
                .isEqualTo("local:///opt/flink/usrlib/" + project.shadedJar("examples"));
        assertThat(Files.readString(project.root().resolve("docker/Dockerfile")))
                .contains(
                        "cp examples/target/"
                                + project.artifactId("examples")
                                + "-*-job.jar /out/usrlib/")
                .contains("COPY --from=build --chown=flink:flink /out/usrlib/ /opt/flink/usrlib/");

        String entryClass = job.path("entryClass").asText();
        assertThat(entryClass).isEqualTo(project.mainClass("examples"));
        assertThat(
                        Modifier.isStatic(
                                Class.forName(entryClass)
                                        .getMethod("main", String[].class)
                                        .getModifiers()))
                .isTrue();
        assertThat(job.path("parallelism").asInt()).isPositive();
        assertThat(job.path("upgradeMode").asText()).isIn("savepoint", "last-state");
    }

    @Test
    void theJobsArgumentsAreAcceptedByTheJobAndLeaveTheParallelismToTheOperator() {
        List<String> args = args();
        KafkaJobSettings settings = KafkaJobSettings.fromArgs(args.toArray(new String[0]));

        assertThat(settings.bootstrapServers()).isNotBlank();
        assertThat(settings.endpoint()).startsWith("https://");
        // the operator sizes the TaskManagers for job.parallelism; a flag would override it
        assertThat(settings.parallelism()).isNull();
        assertThat(args).doesNotContain("--" + KafkaJobOptions.PARALLELISM.key());
    }

    @Test
    void theTokenReachesTheTaskManagersFromASecretAndTheJobOnlyByName() throws IOException {
        String variable =
                KafkaJobSettings.fromArgs(args().toArray(new String[0]))
                        .instillOptions()
                        .toMap()
                        .get("auth.token-env");
        assertThat(variable).isEqualTo("INSTILL_API_TOKEN");

        JsonNode env = mainContainer(spec.path("taskManager").path("podTemplate")).path("env");
        Map<String, JsonNode> byName = new HashMap<>();
        env.forEach(e -> byName.put(e.path("name").asText(), e));
        assertThat(byName).containsKey(variable);
        JsonNode secret = byName.get(variable).path("valueFrom").path("secretKeyRef");
        assertThat(byName.get(variable).has("value")).as("a literal value").isFalse();
        assertThat(secret.path("name").asText()).isEqualTo("instill-api-token");
        assertThat(secret.path("key").asText()).isEqualTo("token");

        // nowhere else: not in the job's arguments, the configuration or any literal variable
        assertThat(args())
                .noneMatch(a -> a.startsWith("--auth.token=") || a.equals("--auth.token"));
        assertThat(spec.path("flinkConfiguration").toString()).doesNotContain("auth.token");
        for (Path file : yamlFiles()) {
            assertThat(Files.readString(file)).doesNotContain("instill_sk_");
        }
        // the docs create the Secret the manifest names
        assertThat(Files.readString(project.root().resolve("docker/README.md")))
                .contains("kubectl create secret generic instill-api-token --from-file=token=");
    }

    @Test
    void prometheusFindsTheReporterOnEveryPod() throws IOException {
        JsonNode config = spec.path("flinkConfiguration");
        assertThat(config.path("metrics.reporter.prom.factory.class").asText())
                .isEqualTo(DockerDeploymentTest.PROMETHEUS_REPORTER);
        String port = config.path("metrics.reporter.prom.port").asText();

        JsonNode template = spec.path("podTemplate");
        JsonNode annotations = template.path("metadata").path("annotations");
        assertThat(annotations.path("prometheus.io/scrape").asText()).isEqualTo("true");
        assertThat(annotations.path("prometheus.io/port").asText()).isEqualTo(port);
        JsonNode containerPort = mainContainer(template).path("ports").get(0);
        assertThat(containerPort.path("containerPort").asText()).isEqualTo(port);

        JsonNode monitor = only("PodMonitor").path("spec");
        assertThat(monitor.path("podMetricsEndpoints").get(0).path("port").asText())
                .isEqualTo(containerPort.path("name").asText());
        // Flink's native Kubernetes integration labels its pods app=<cluster id>, the
        // FlinkDeployment's name
        assertThat(monitor.path("selector").path("matchLabels").path("app").asText())
                .isEqualTo(deployment.path("metadata").path("name").asText());
    }

    @Test
    void checkpointsSavepointsAndHaMetadataLiveOnTheSharedVolume() {
        JsonNode config = spec.path("flinkConfiguration");
        JsonNode mount = mainContainer(spec.path("podTemplate")).path("volumeMounts").get(0);
        String mountPath = mount.path("mountPath").asText();
        for (String key :
                List.of(
                        "execution.checkpointing.dir",
                        "execution.checkpointing.savepoint-dir",
                        "high-availability.storageDir")) {
            assertThat(config.path(key).asText()).as(key).startsWith("file://" + mountPath + "/");
        }
        JsonNode volume = spec.path("podTemplate").path("spec").path("volumes").get(0);
        assertThat(volume.path("name").asText()).isEqualTo(mount.path("name").asText());
        JsonNode claim = only("PersistentVolumeClaim");
        assertThat(volume.path("persistentVolumeClaim").path("claimName").asText())
                .isEqualTo(claim.path("metadata").path("name").asText());
        assertThat(claim.path("spec").path("accessModes").toString()).contains("ReadWriteMany");
    }

    // ---- helpers
    // ---------------------------------------------------------------------------------------------

    private static List<String> args() {
        List<String> args = new ArrayList<>();
        spec.path("job").path("args").forEach(a -> args.add(a.asText()));
        return args;
    }

    /** The container Flink runs in; the operator merges a pod template's one by this name. */
    private static JsonNode mainContainer(JsonNode podTemplate) {
        for (JsonNode container : podTemplate.path("spec").path("containers")) {
            if (container.path("name").asText().equals("flink-main-container")) {
                return container;
            }
        }
        throw new AssertionError("no flink-main-container in " + podTemplate);
    }

    private static JsonNode only(String kind) {
        List<JsonNode> found =
                documents.stream().filter(d -> d.path("kind").asText().equals(kind)).toList();
        assertThat(found).as("manifests of kind %s", kind).hasSize(1);
        return found.get(0);
    }

    private static List<Path> yamlFiles() throws IOException {
        try (var files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).toList();
        }
    }
}
