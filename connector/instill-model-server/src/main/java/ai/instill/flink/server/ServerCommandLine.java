package ai.instill.flink.server;

import ai.instill.flink.proto.common.task.v1alpha.Task;
import io.grpc.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The command line flags of {@link LocalModelServerMain}, declared for picocli; every flag accepts
 * {@code --flag value} and {@code --flag=value}.
 */
@Command(
        name = "LocalModelServerMain",
        sortOptions = false,
        description = {
            "Serves the Instill Model gRPC protocol (both generations) with deterministic STAND-IN"
                    + " models",
            "(reference implementations computed from the input, not real AI), and real models"
                    + " where a model pack",
            "(instill-real-models) is on the class path. The start-up lines say which is which.",
            ""
        },
        footer = {"Faults apply to every model. Durations: 250ms, 2s, 1m."})
final class ServerCommandLine {

    static final int DEFAULT_PORT = 50051;

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)?");

    @Option(
            names = "--port",
            paramLabel = "N",
            converter = PortConverter.class,
            description = "port to listen on (default " + DEFAULT_PORT + "; 0 = any free port)")
    int port = DEFAULT_PORT;

    @Option(
            names = "--host",
            paramLabel = "ADDRESS",
            description = "address to bind (default 127.0.0.1; 0.0.0.0 = all interfaces)")
    String host = "127.0.0.1";

    @Option(
            names = "--model",
            paramLabel = "NS/MODEL/VERSION=TASK",
            converter = ModelConverter.class,
            description = {
                "serve a model (repeatable); TASK is classification, detection, keypoint, ocr,"
                        + " instance-segmentation, semantic-segmentation, completion, chat,"
                        + " text-to-image or embedding.",
                "Without --model the default catalogue local/stand-in-*/v1 is served, plus the"
                        + " models of every model pack on the class path."
            })
    private List<ModelFlag> modelFlags = new ArrayList<>();

    /** The models to serve, by name, in the order given. */
    final Map<String, Task> models = new LinkedHashMap<>();

    /** Only there to refuse a token on the command line with a pointer to the right flags. */
    @Option(names = "--api-token", hidden = true)
    private String apiToken;

    @Option(
            names = "--api-token-env",
            paramLabel = "VAR",
            description = "require 'authorization: Bearer <token>', token read from env VAR")
    String apiTokenEnv;

    @Option(
            names = "--api-token-file",
            paramLabel = "PATH",
            description = "same, token read from a file (never pass a token itself)")
    Path apiTokenFile;

    @Option(
            names = "--tls-keystore",
            paramLabel = "PATH",
            description = "serve TLS with the key and certificate of a PKCS12 key store")
    Path tlsKeyStore;

    @Option(
            names = "--tls-keystore-password-env",
            paramLabel = "VAR",
            description = "environment variable holding the key store password")
    String tlsKeyStorePasswordEnv;

    @Option(
            names = "--latency",
            paramLabel = "5ms | 5ms..50ms",
            converter = LatencyConverter.class,
            description = "fixed or uniformly random latency per call")
    private Latency latency;

    Duration latencyMin;
    Duration latencyMax;

    @Option(
            names = "--per-input-time",
            paramLabel = "1ms",
            converter = DurationConverter.class,
            description = "extra time per input of a call")
    Duration perInputTime;

    @Option(
            names = "--error-rate",
            paramLabel = "CODE:P",
            converter = ErrorRateConverter.class,
            description = "fail calls with gRPC status CODE with probability P")
    private ErrorRate errorRateFlag;

    Status.Code errorCode;
    double errorRate;

    @Option(
            names = "--empty-outputs-rate",
            paramLabel = "P",
            converter = ProbabilityConverter.class,
            description = "answer OK without outputs with probability P")
    Double emptyOutputsRate;

    @Option(
            names = "--cold-start",
            paramLabel = "2s",
            converter = DurationConverter.class,
            description = "the first call waits this long; Watch reports OFFLINE until then")
    Duration coldStart;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "print this help")
    boolean help;

    private ServerCommandLine() {}

    /**
     * @throws IllegalArgumentException with a message fit for the user when a flag is unknown or
     *     malformed
     */
    static ServerCommandLine parse(String... args) {
        ServerCommandLine cli = new ServerCommandLine();
        try {
            command(cli).parseArgs(args);
        } catch (UnmatchedArgumentException e) {
            // only the flag: the words after it may be a secret given by mistake
            List<String> suggestions = e.getSuggestions();
            String first = e.getUnmatched().get(0);
            throw new IllegalArgumentException(
                    (first.startsWith("-") ? "unknown flag " + first : "unexpected argument")
                            + (suggestions.isEmpty()
                                    ? ""
                                    : "; did you mean " + String.join(" or ", suggestions) + "?"));
        } catch (ParameterException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        if (cli.apiToken != null) {
            throw new IllegalArgumentException(
                    "never put a token on the command line: use --api-token-env VAR or"
                            + " --api-token-file PATH");
        }
        if (cli.apiTokenEnv != null && cli.apiTokenFile != null) {
            throw new IllegalArgumentException(
                    "use either --api-token-env or --api-token-file, not both");
        }
        if ((cli.tlsKeyStore == null) != (cli.tlsKeyStorePasswordEnv == null)) {
            throw new IllegalArgumentException(
                    "--tls-keystore and --tls-keystore-password-env go together");
        }
        cli.modelFlags.forEach(model -> cli.models.put(model.name(), model.task()));
        if (cli.latency != null) {
            cli.latencyMin = cli.latency.min();
            cli.latencyMax = cli.latency.max();
        }
        if (cli.errorRateFlag != null) {
            cli.errorCode = cli.errorRateFlag.code();
            cli.errorRate = cli.errorRateFlag.probability();
        }
        return cli;
    }

    private static CommandLine command(ServerCommandLine cli) {
        // a repeated flag replaces the earlier value, as before picocli
        return new CommandLine(cli).setOverwrittenOptionsAllowed(true);
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

    /** The help text, as picocli writes it from the flags above. */
    static String usage() {
        return command(new ServerCommandLine()).getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    // ---- value converters: picocli reports their messages as "Invalid value for option ..."
    // --------------------------------------------------------------------------------------------

    /** {@code --model NAME=TASK}. */
    record ModelFlag(String name, Task task) {}

    /** {@code --latency 5ms} (fixed) or {@code 5ms..50ms} (uniformly random). */
    record Latency(Duration min, Duration max) {}

    /** {@code --error-rate CODE:P}. */
    record ErrorRate(Status.Code code, double probability) {}

    static final class PortConverter implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                int port = Integer.parseInt(value.trim());
                if (port >= 0 && port <= 65535) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new TypeConversionException("needs a number within 0..65535, got " + value);
        }
    }

    static final class ModelConverter implements CommandLine.ITypeConverter<ModelFlag> {
        @Override
        public ModelFlag convert(String value) {
            int equals = value.lastIndexOf('=');
            if (equals < 0) {
                throw new TypeConversionException(
                        "--model is namespace/model/version=task, e.g. acme/llm/v1=completion");
            }
            try {
                String name = ModelName.parse(value.substring(0, equals)).toString();
                return new ModelFlag(name, taskNamed(value.substring(equals + 1)));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return duration(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class LatencyConverter implements CommandLine.ITypeConverter<Latency> {
        @Override
        public Latency convert(String value) {
            try {
                int range = value.indexOf("..");
                Duration min = duration(range < 0 ? value : value.substring(0, range));
                Duration max = range < 0 ? min : duration(value.substring(range + 2));
                return new Latency(min, max);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class ProbabilityConverter implements CommandLine.ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            try {
                double p = Double.parseDouble(value.trim());
                if (p >= 0 && p <= 1) {
                    return p;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new TypeConversionException("needs a probability within 0..1, got " + value);
        }
    }

    static final class ErrorRateConverter implements CommandLine.ITypeConverter<ErrorRate> {
        @Override
        public ErrorRate convert(String value) {
            int colon = value.lastIndexOf(':');
            if (colon < 0) {
                throw new TypeConversionException(
                        "--error-rate is CODE:PROBABILITY, e.g. UNAVAILABLE:0.3");
            }
            String name = value.substring(0, colon).trim().toUpperCase(Locale.ROOT);
            Status.Code code;
            try {
                code = Status.Code.valueOf(name);
            } catch (IllegalArgumentException e) {
                code = null;
            }
            if (code == null || code == Status.Code.OK) {
                throw new TypeConversionException(
                        "not a gRPC error code: "
                                + value.substring(0, colon)
                                + " (e.g. UNAVAILABLE)");
            }
            return new ErrorRate(
                    code, new ProbabilityConverter().convert(value.substring(colon + 1)));
        }
    }
}
