package ai.instill.flink.server;

import ai.instill.flink.proto.common.task.v1alpha.Task;
import io.grpc.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and holds the command line flags of {@link LocalModelServerMain}; every flag accepts
 * {@code --flag value} and {@code --flag=value}.
 */
final class ServerCommandLine {

    static final int DEFAULT_PORT = 50051;

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)?");

    int port = DEFAULT_PORT;
    String host = "127.0.0.1";
    final Map<String, Task> models = new LinkedHashMap<>();
    String apiTokenEnv;
    Path apiTokenFile;
    Path tlsKeyStore;
    String tlsKeyStorePasswordEnv;
    Duration latencyMin;
    Duration latencyMax;
    Duration perInputTime;
    Status.Code errorCode;
    double errorRate;
    Double emptyOutputsRate;
    Duration coldStart;
    boolean help;

    private ServerCommandLine() {}

    /**
     * @throws IllegalArgumentException with a message fit for the user when a flag is unknown or
     *     malformed
     */
    static ServerCommandLine parse(String... args) {
        ServerCommandLine cli = new ServerCommandLine();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            String value = null;
            int equals = flag.indexOf('=');
            if (flag.startsWith("--") && equals > 0) {
                value = flag.substring(equals + 1);
                flag = flag.substring(0, equals);
            }
            if (flag.equals("--help") || flag.equals("-h")) {
                cli.help = true;
                continue;
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(flag + " needs a value");
                }
                value = args[++i];
            }
            cli.apply(flag, value);
        }
        if (cli.apiTokenEnv != null && cli.apiTokenFile != null) {
            throw new IllegalArgumentException(
                    "use either --api-token-env or --api-token-file, not both");
        }
        if ((cli.tlsKeyStore == null) != (cli.tlsKeyStorePasswordEnv == null)) {
            throw new IllegalArgumentException(
                    "--tls-keystore and --tls-keystore-password-env go together");
        }
        return cli;
    }

    private void apply(String flag, String value) {
        switch (flag) {
            case "--port" -> port = parsePort(value);
            case "--host" -> host = value;
            case "--model" -> addModel(value);
            case "--api-token" ->
                    throw new IllegalArgumentException(
                            "never put a token on the command line: use --api-token-env VAR or"
                                    + " --api-token-file PATH");
            case "--api-token-env" -> apiTokenEnv = value;
            case "--api-token-file" -> apiTokenFile = Path.of(value);
            case "--tls-keystore" -> tlsKeyStore = Path.of(value);
            case "--tls-keystore-password-env" -> tlsKeyStorePasswordEnv = value;
            case "--latency" -> {
                int range = value.indexOf("..");
                latencyMin = duration(range < 0 ? value : value.substring(0, range));
                latencyMax = range < 0 ? latencyMin : duration(value.substring(range + 2));
            }
            case "--per-input-time" -> perInputTime = duration(value);
            case "--error-rate" -> {
                int colon = value.lastIndexOf(':');
                if (colon < 0) {
                    throw new IllegalArgumentException(
                            "--error-rate is CODE:PROBABILITY, e.g. UNAVAILABLE:0.3");
                }
                errorCode = statusCode(value.substring(0, colon));
                errorRate = probability(value.substring(colon + 1), "--error-rate");
            }
            case "--empty-outputs-rate" ->
                    emptyOutputsRate = probability(value, "--empty-outputs-rate");
            case "--cold-start" -> coldStart = duration(value);
            default -> throw new IllegalArgumentException("unknown flag " + flag);
        }
    }

    private void addModel(String value) {
        int equals = value.lastIndexOf('=');
        if (equals < 0) {
            throw new IllegalArgumentException(
                    "--model is namespace/model/version=task, e.g. acme/llm/v1=completion");
        }
        String name = ModelName.parse(value.substring(0, equals)).toString();
        models.put(name, taskNamed(value.substring(equals + 1)));
    }

    /** Applies the fault flags to one model's settings. */
    void applyFaults(ModelFaults faults) {
        if (latencyMin != null) {
            faults.latency(latencyMin, latencyMax);
        }
        if (perInputTime != null) {
            faults.perInputTime(perInputTime);
        }
        if (errorCode != null) {
            faults.errorRate(errorCode, errorRate);
        }
        if (emptyOutputsRate != null) {
            faults.emptyOutputsRate(emptyOutputsRate);
        }
        if (coldStart != null) {
            faults.coldStart(coldStart);
        }
    }

    /** A task from its kebab-case name ("text-to-image") or enum name ("TASK_TEXT_TO_IMAGE"). */
    static Task taskNamed(String name) {
        String normalized = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        if (!normalized.startsWith("TASK_")) {
            normalized = "TASK_" + normalized;
        }
        try {
            Task task = Task.valueOf(normalized);
            if (task != Task.UNRECOGNIZED && task != Task.TASK_UNSPECIFIED) {
                return task;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                "unknown task "
                        + name
                        + "; use one of classification, detection, keypoint, ocr,"
                        + " instance-segmentation, semantic-segmentation, completion, chat,"
                        + " text-to-image, embedding");
    }

    /** A duration such as "250ms", "2s" or "1m" (a bare number means milliseconds). */
    static Duration duration(String text) {
        Matcher matcher = DURATION.matcher(text.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException(
                    "not a duration: " + text + " (use e.g. 250ms, 2s, 1m)");
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "ms" : matcher.group(2);
        return switch (unit) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofMillis(amount);
        };
    }

    static String usage() {
        return String.join(
                System.lineSeparator(),
                "Usage: LocalModelServerMain [flags]",
                "Serves the Instill Model gRPC protocol (both generations) with deterministic"
                        + " STAND-IN models",
                "(reference implementations computed from the input, not real AI).",
                "",
                "  --port N                         port to listen on (default "
                        + DEFAULT_PORT
                        + "; 0 = any free port)",
                "  --host ADDRESS                   address to bind (default 127.0.0.1; 0.0.0.0 ="
                        + " all interfaces)",
                "  --model NS/MODEL/VERSION=TASK    serve a model (repeatable); TASK is"
                        + " classification, detection,",
                "                                   keypoint, ocr, instance-segmentation,"
                        + " semantic-segmentation,",
                "                                   completion, chat, text-to-image or embedding.",
                "                                   Without --model the default catalogue"
                        + " local/stand-in-*/v1 is served.",
                "  --api-token-env VAR              require 'authorization: Bearer <token>', token"
                        + " read from env VAR",
                "  --api-token-file PATH            same, token read from a file (never pass a"
                        + " token itself)",
                "  --tls-keystore PATH              serve TLS with the key and certificate of a"
                        + " PKCS12 key store",
                "  --tls-keystore-password-env VAR  environment variable holding the key store"
                        + " password",
                "Faults, applied to every model:",
                "  --latency 5ms | 5ms..50ms        fixed or uniformly random latency per call",
                "  --per-input-time 1ms             extra time per input of a call",
                "  --error-rate CODE:P              fail calls with gRPC status CODE with"
                        + " probability P",
                "  --empty-outputs-rate P           answer OK without outputs with probability P",
                "  --cold-start 2s                  the first call waits this long; Watch reports"
                        + " OFFLINE until then",
                "  --help                           print this help",
                "Durations: 250ms, 2s, 1m.");
    }

    private static int parsePort(String value) {
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "--port needs a number within 0..65535, got " + value);
        }
    }

    private static Status.Code statusCode(String name) {
        try {
            Status.Code code = Status.Code.valueOf(name.trim().toUpperCase(Locale.ROOT));
            if (code == Status.Code.OK) {
                throw new IllegalArgumentException("OK is not an error");
            }
            return code;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "not a gRPC error code: " + name + " (e.g. UNAVAILABLE)");
        }
    }

    private static double probability(String text, String flag) {
        try {
            double p = Double.parseDouble(text.trim());
            if (p >= 0 && p <= 1) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(flag + " needs a probability within 0..1, got " + text);
    }
}
