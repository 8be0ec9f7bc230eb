package ai.instill.flink.server.real.weights;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * Finds the files the build fetched into the weights folder on the class path (copied out to a
 * temporary folder when they sit inside a jar), or says why one is missing.
 */
public final class Weights {

    private static final String FOLDER = "/ai/instill/flink/server/real/weights/";

    private static Path extracted;

    private Weights() {}

    /**
     * A readable path of the file.
     *
     * @throws WeightsUnavailable when the build did not fetch it, with the reason
     */
    public static synchronized Path path(WeightFile file) throws WeightsUnavailable {
        URL url = Weights.class.getResource(FOLDER + file.fileName());
        if (url == null) {
            throw new WeightsUnavailable(missingReason(file));
        }
        try {
            if ("file".equals(url.getProtocol())) {
                return Path.of(url.toURI());
            }
            if (extracted == null) {
                extracted = Files.createTempDirectory("instill-real-models-");
            }
            Path target = extracted.resolve(file.fileName());
            if (!Files.exists(target)) {
                Files.createDirectories(target.getParent());
                try (InputStream in = url.openStream()) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                target.toFile().deleteOnExit();
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + url + " out of its jar", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String missingReason(WeightFile file) {
        if (file.source() == null) {
            return file.fileName() + " was not unpacked at build time";
        }
        Properties report = new Properties();
        try (InputStream in = Weights.class.getResourceAsStream(FOLDER + WeightsFetch.REPORT)) {
            if (in == null) {
                return file.source().spec()
                        + " was not fetched: the build skipped the fetch"
                        + " (-Dreal-models.fetch.skip)";
            }
            report.load(in);
        } catch (IOException e) {
            return "the fetch report cannot be read: " + e;
        }
        String outcome = report.getProperty(file.source().spec(), "not in the fetch report");
        return file.source().spec()
                + (outcome.equals("ok")
                        ? " was fetched, but it holds no " + file.entry()
                        : " was not fetched: " + outcome.replaceFirst("^failed: ", ""));
    }
}
