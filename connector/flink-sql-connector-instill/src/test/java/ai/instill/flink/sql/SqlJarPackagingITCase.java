package ai.instill.flink.sql;

import static org.assertj.core.api.Assertions.assertThat;

import ai.instill.flink.server.DefaultModels;
import ai.instill.flink.server.LocalModelServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Guards the shaded SQL jar: only our own packages at the top, the model provider registered,
 * gRPC's service files relocated and merged, and the jar able to make a real call from a class
 * loader of its own.
 */
class SqlJarPackagingITCase {
    private static final String SHADED = "ai/instill/flink/shaded/";

    private static Path jar() {
        Path jar = Path.of(System.getProperty("sqlJar", "target/flink-sql-connector-instill.jar"));
        assertThat(jar).as("the shaded jar (run after package)").exists();
        return jar;
    }

    @Test
    void theShadeStartsFromTheModulesOwnEmptyJar() throws IOException {
        Path moduleJar = Path.of(System.getProperty("moduleJar", "missing"));
        assertThat(moduleJar).as("the module's jar before shading (run after package)").exists();
        try (JarFile jar = new JarFile(moduleJar.toFile())) {
            assertThat(jar.stream().map(JarEntry::getName).filter(n -> n.endsWith(".class")))
                    .as(
                            "classes in %s: the last shaded jar was kept as the module's jar, and"
                                    + " its stale classes go before the connector's",
                            moduleJar)
                    .isEmpty();
        }
    }

    @Test
    void onlyOurPackagesAndMetaInfAreAtTheTop() throws IOException {
        try (JarFile jar = new JarFile(jar().toFile())) {
            Set<String> top =
                    jar.stream()
                            .map(JarEntry::getName)
                            .map(
                                    name ->
                                            name.contains("/")
                                                    ? name.substring(0, name.indexOf('/') + 1)
                                                    : name)
                            .collect(Collectors.toCollection(TreeSet::new));
            assertThat(top).containsExactly("META-INF/", "ai/");

            Set<String> packages =
                    jar.stream()
                            .map(JarEntry::getName)
                            .filter(
                                    name ->
                                            name.endsWith(".class")
                                                    && !name.startsWith("META-INF/"))
                            .map(name -> name.substring(0, name.lastIndexOf('/') + 1))
                            .collect(Collectors.toCollection(TreeSet::new));
            assertThat(packages)
                    .as("every class is ours or relocated under our namespace")
                    .allSatisfy(p -> assertThat(p).startsWith("ai/instill/flink/"));
            assertThat(jar.getEntry(SHADED + "io/grpc/ManagedChannel.class")).isNotNull();
            assertThat(jar.getEntry(SHADED + "com/google/protobuf/Struct.class")).isNotNull();
            assertThat(jar.getEntry(SHADED + "com/google/common/collect/ImmutableList.class"))
                    .isNotNull();
            assertThat(jar.getEntry("org/apache/flink/table/api/ValidationException.class"))
                    .isNull();
        }
    }

    @Test
    @DisabledIfSystemProperty(
            named = "flink.ml-predict.skip",
            matches = "true",
            disabledReason = "CREATE MODEL and ML_PREDICT need Flink 2.1 or later")
    void theModelProviderIsRegisteredAsATableFactory() throws IOException {
        assertThat(lines("META-INF/services/org.apache.flink.table.factories.Factory"))
                .contains("ai.instill.flink.table.InstillModelProviderFactory");
    }

    @Test
    @EnabledIfSystemProperty(named = "flink.ml-predict.skip", matches = "true")
    void aJarForALineWithoutMlPredictLeavesTheModelProviderOut() throws IOException {
        assertThat(lines("META-INF/services/org.apache.flink.table.factories.Factory")).isEmpty();
        try (JarFile jar = new JarFile(jar().toFile())) {
            assertThat(
                            jar.stream()
                                    .map(JarEntry::getName)
                                    .filter(
                                            n ->
                                                    n.startsWith(
                                                                    "ai/instill/flink/table/InstillModelProvider")
                                                            || n.contains("PredictFunction.class")
                                                                    && !n.contains("Scalar")))
                    .isEmpty();
            assertThat(jar.getEntry("ai/instill/flink/table/InstillScalarPredictFunction.class"))
                    .as("INSTILL_PREDICT stays: async scalar functions exist since Flink 1.19")
                    .isNotNull();
        }
    }

    @Test
    void grpcServiceFilesAreRelocatedAndPointAtRelocatedClasses() throws IOException {
        try (JarFile jar = new JarFile(jar().toFile())) {
            assertThat(
                            jar.stream()
                                    .map(JarEntry::getName)
                                    .filter(n -> n.startsWith("META-INF/services/io.grpc")))
                    .isEmpty();
        }
        for (String service :
                new String[] {
                    "NameResolverProvider", "LoadBalancerProvider", "ManagedChannelProvider"
                }) {
            assertThat(
                            lines(
                                    "META-INF/services/"
                                            + SHADED.replace('/', '.')
                                            + "io.grpc."
                                            + service))
                    .as(service)
                    .isNotEmpty()
                    .allSatisfy(
                            line ->
                                    assertThat(line)
                                            .startsWith("ai.instill.flink.shaded.io.grpc."));
        }
        assertThat(lines("META-INF/services/ai.instill.flink.shaded.io.grpc.NameResolverProvider"))
                .anySatisfy(line -> assertThat(line).contains("DnsNameResolverProvider"));
    }

    @Test
    void theJarAloneMakesARealCallToTheModelServer() throws Exception {
        LocalModelServer server =
                LocalModelServer.builder().port(0).withDefaultModels().build().start();
        try (URLClassLoader loader =
                new ChildFirst(
                        new URL[] {jar().toUri().toURL()},
                        SqlJarPackagingITCase.class.getClassLoader())) {
            Class<?> configClass =
                    Class.forName("org.apache.flink.configuration.Configuration", true, loader);
            Object config = configClass.getConstructor().newInstance();
            Method setString = configClass.getMethod("setString", String.class, String.class);
            setString.invoke(config, "endpoint", server.target());
            setString.invoke(config, "task", "CLASSIFICATION");

            // the model named in the options: opening also runs the start-up check through the jar
            setString.invoke(config, "model-name", DefaultModels.CLASSIFIER);
            Class<?> settingsClass = loader.loadClass("ai.instill.flink.engine.InstillSettings");
            Class<?> surfaceClass =
                    loader.loadClass("ai.instill.flink.engine.InstillSettings$Surface");
            Object settings =
                    settingsClass
                            .getMethod(
                                    "from",
                                    loader.loadClass(
                                            "org.apache.flink.configuration.ReadableConfig"),
                                    surfaceClass)
                            .invoke(null, config, surfaceClass.getEnumConstants()[1]);
            Class<?> runtimeClass = loader.loadClass("ai.instill.flink.engine.InferenceRuntime");
            assertThat(runtimeClass.getClassLoader()).isSameAs(loader);
            Class<?> listenerClass = loader.loadClass("ai.instill.flink.engine.EngineListener");
            Object listener = listenerClass.getField("NONE").get(null);
            Object runtime =
                    runtimeClass
                            .getMethod(
                                    "open", settingsClass, listenerClass, String.class, int.class)
                            .invoke(null, settings, listener, "smoke", 0);
            try {
                Object engine = runtimeClass.getMethod("engine").invoke(runtime);
                Object model =
                        loader.loadClass("ai.instill.flink.task.ModelName")
                                .getMethod("parse", String.class)
                                .invoke(null, DefaultModels.CLASSIFIER);
                Class<?> imageClass = loader.loadClass("ai.instill.flink.task.Image");
                Object image =
                        imageClass
                                .getMethod("ofBytes", byte[].class)
                                .invoke(null, (Object) redPng());
                Object input =
                        loader.loadClass("ai.instill.flink.task.ImageInput")
                                .getConstructor(imageClass)
                                .newInstance(image);
                Method submit =
                        Arrays.stream(engine.getClass().getMethods())
                                .filter(m -> m.getName().equals("submit"))
                                .findFirst()
                                .orElseThrow();
                Object outcome =
                        ((CompletableFuture<?>)
                                        submit.invoke(engine, model, input, Duration.ofSeconds(20)))
                                .get(30, TimeUnit.SECONDS);
                Object result = outcome.getClass().getMethod("result").invoke(outcome);
                assertThat(String.valueOf(result))
                        .as(String.valueOf(outcome))
                        .contains("category=red");
            } finally {
                ((AutoCloseable) runtime).close();
            }
            Class<?> epoll =
                    loader.loadClass(
                            "ai.instill.flink.shaded.io.grpc.netty.shaded.io.netty.channel.epoll.Epoll");
            boolean linuxX64 =
                    System.getProperty("os.name").toLowerCase().contains("linux")
                            && System.getProperty("os.arch").matches("amd64|x86_64");
            if (linuxX64) {
                assertThat((Boolean) epoll.getMethod("isAvailable").invoke(null))
                        .as("the renamed native epoll library loads")
                        .isTrue();
            }
        } finally {
            server.stop();
        }
    }

    private static byte[] redPng() throws IOException {
        java.awt.image.BufferedImage image =
                new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        g.setColor(java.awt.Color.RED);
        g.fillRect(0, 0, 8, 8);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static java.util.List<String> lines(String entry) throws IOException {
        try (JarFile jar = new JarFile(jar().toFile())) {
            JarEntry found = jar.getJarEntry(entry);
            if (found == null) {
                return Collections.emptyList();
            }
            String text =
                    new String(jar.getInputStream(found).readAllBytes(), StandardCharsets.UTF_8);
            return text.lines()
                    .map(String::trim)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .toList();
        }
    }

    /**
     * Loads our classes from the shaded jar first, everything else (Flink) from the test class
     * path.
     */
    private static final class ChildFirst extends URLClassLoader {
        ChildFirst(URL[] urls, ClassLoader parent) {
            super(urls, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null && name.startsWith("ai.instill.flink.")) {
                    loaded = findClass(name);
                }
                if (loaded == null) {
                    loaded = super.loadClass(name, false);
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }
    }
}
