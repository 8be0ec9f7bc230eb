package ai.instill.flink.config;

import ai.instill.flink.error.UnsupportedFlinkVersionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.annotation.Internal;
import org.apache.flink.runtime.util.EnvironmentInformation;

/**
 * The Flink lines this build of the connector serves (written into the jar by the build), and the
 * check that the Flink running it is one of them, so that a jar of another line fails with a
 * message naming the Flink it needs instead of a linkage error.
 */
@Internal
public final class FlinkLines {
    /** The lines before ML_PREDICT each have their own build, with the line as version suffix. */
    private static final String OWN_BUILDS_BEFORE = "2.1";

    private static final Pattern MAJOR_MINOR = Pattern.compile("^(\\d+)\\.(\\d+)");

    private static final FlinkLines BUILT = load();

    private final String connectorVersion;
    private final String lines;
    private final String builtAgainst;

    FlinkLines(String connectorVersion, String lines, String builtAgainst) {
        this.connectorVersion = connectorVersion;
        this.lines = lines;
        this.builtAgainst = builtAgainst;
    }

    /** What this jar was built for: the lines it serves, e.g. {@code 2.1+} or {@code 1.20}. */
    public static FlinkLines built() {
        return BUILT;
    }

    /**
     * Refuses {@code surface} when the running Flink is not a line this jar serves; does nothing
     * when the running version cannot be told (Flink's runtime jar without its version file).
     */
    public static void check(String surface) {
        BUILT.check(surface, EnvironmentInformation.getVersion());
    }

    void check(String surface, String runningVersion) {
        String running = line(runningVersion);
        if (running == null || serves(running)) {
            return;
        }
        throw new UnsupportedFlinkVersionException(
                surface
                        + ": this build of the Instill connector ("
                        + connectorVersion
                        + ", built against Flink "
                        + builtAgainst
                        + ") needs Flink "
                        + describe(lines)
                        + ", but this is Flink "
                        + runningVersion
                        + ". "
                        + advice(running));
    }

    /** Whether this jar serves a line ({@code major.minor}). */
    public boolean serves(String line) {
        if (lines.endsWith("+")) {
            return compare(line, lines.substring(0, lines.length() - 1)) >= 0;
        }
        return compare(line, lines) == 0;
    }

    public String lines() {
        return lines;
    }

    public String builtAgainst() {
        return builtAgainst;
    }

    private String advice(String running) {
        String base = connectorVersion.replaceFirst("-\\d+\\.\\d+$", "");
        if (compare(running, "1.20") < 0) {
            return "The oldest Flink line the connector supports is 1.20.";
        }
        if (compare(running, OWN_BUILDS_BEFORE) < 0) {
            return "Use the build for Flink " + running + ": version " + base + "-" + running + ".";
        }
        return "Use the build for Flink " + OWN_BUILDS_BEFORE + " and later: version " + base + ".";
    }

    private static String describe(String lines) {
        return lines.endsWith("+")
                ? lines.substring(0, lines.length() - 1) + " or later"
                : lines + ".x";
    }

    /**
     * {@code major.minor} of a version such as {@code 2.2.1} or {@code 2.3-SNAPSHOT}; else null.
     */
    static String line(String version) {
        Matcher m = version == null ? null : MAJOR_MINOR.matcher(version);
        return m != null && m.find() ? m.group(1) + "." + m.group(2) : null;
    }

    private static int compare(String line, String other) {
        String[] a = line.split("\\.");
        String[] b = other.split("\\.");
        int major = Integer.compare(Integer.parseInt(a[0]), Integer.parseInt(b[0]));
        return major != 0 ? major : Integer.compare(Integer.parseInt(a[1]), Integer.parseInt(b[1]));
    }

    private static FlinkLines load() {
        Properties p = new Properties();
        try (InputStream in = FlinkLines.class.getResourceAsStream("flink-lines.properties")) {
            if (in == null) {
                throw new IllegalStateException("flink-lines.properties is missing from the jar");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new FlinkLines(
                p.getProperty("connector.version"),
                p.getProperty("flink.lines"),
                p.getProperty("flink.version"));
    }
}
