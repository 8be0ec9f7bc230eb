package ai.instill.flink.examples;

import ai.instill.flink.config.InstillOptions;
import ai.instill.flink.examples.kafka.KafkaJobOptions;
import ai.instill.flink.task.InstillTask;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;

/**
 * The options of the demo ({@link InstillDemo}) and the task tour ({@link TaskTour}): their own
 * flags, and the job and connector options they pass on.
 */
public final class DemoOptions {

    private DemoOptions() {}

    public static final ConfigOption<Integer> RECORDS =
            ConfigOptions.key("records")
                    .intType()
                    .defaultValue(200)
                    .withDescription(
                            "Generated records per task; 3 malformed ones are added to each.");

    public static final ConfigOption<String> BOOTSTRAP_SERVERS =
            ConfigOptions.key(KafkaJobOptions.BOOTSTRAP_SERVERS.key())
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Your Kafka, host:port[,host:port]. Unset: an embedded broker.");

    public static final ConfigOption<String> ENDPOINT =
            ConfigOptions.key(InstillOptions.ENDPOINT.key())
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Your Instill Model: host:port, http://host:port or"
                                    + " https://host[:port]; name a --model per task. Unset: the"
                                    + " local model server with stand-in models.");

    public static final ConfigOption<List<String>> MODELS =
            ConfigOptions.key("model")
                    .stringType()
                    .asList()
                    .noDefaultValue()
                    .withDescription(
                            "A model for a task, TASK=namespace/model/version, for example"
                                    + " detection=acme/yolov7/v0.1.0 (repeatable).");

    public static final ConfigOption<List<InstillTask>> TASKS =
            ConfigOptions.key("tasks")
                    .enumType(InstillTask.class)
                    .asList()
                    .defaultValues()
                    .withDescription(
                            "Run only these tasks, for example DETECTION;OCR (repeatable). Empty:"
                                    + " every task that has a model.");

    public static final ConfigOption<String> TOKEN_ENV =
            ConfigOptions.key("token-env")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "With --endpoint: the environment variable that holds your API token"
                                    + " (the connector's 'auth.token-env').");

    public static final ConfigOption<String> TOKEN_FILE =
            ConfigOptions.key("token-file")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "With --endpoint: the file that holds your API token (the connector's"
                                    + " 'auth.token-file').");

    /** The connector's token options, as given by {@link #TOKEN_ENV} and {@link #TOKEN_FILE}. */
    static Map<ConfigOption<String>, String> tokenSource(Configuration options) {
        Map<ConfigOption<String>, String> source = new LinkedHashMap<>();
        options.getOptional(TOKEN_ENV).ifPresent(v -> source.put(InstillOptions.AUTH_TOKEN_ENV, v));
        options.getOptional(TOKEN_FILE)
                .ifPresent(v -> source.put(InstillOptions.AUTH_TOKEN_FILE, v));
        return source;
    }

    /** The demo's options. */
    static List<ConfigOption<?>> demo() {
        return List.of(
                RECORDS,
                BOOTSTRAP_SERVERS,
                KafkaJobOptions.DELIVERY,
                ENDPOINT,
                TOKEN_ENV,
                TOKEN_FILE,
                MODELS,
                TASKS);
    }

    /** The task tour's options. */
    static List<ConfigOption<?>> tour() {
        return List.of(ENDPOINT, TOKEN_ENV, TOKEN_FILE, MODELS);
    }

    /**
     * The {@code --model} values by task.
     *
     * @throws IllegalArgumentException with a one-line message when one is not TASK=model
     */
    static Map<InstillTask, String> models(List<String> values) {
        Map<InstillTask, String> models = new LinkedHashMap<>();
        for (String value : values) {
            int equals = value.indexOf('=');
            if (equals <= 0 || equals == value.length() - 1) {
                throw new IllegalArgumentException(
                        "option '--model' takes TASK=namespace/model/version, for example"
                                + " detection=acme/yolov7/v0.1.0; got '"
                                + value
                                + "'");
            }
            InstillTask task;
            try {
                task = InstillTask.parse(value.substring(0, equals));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("option '--model': " + e.getMessage());
            }
            models.put(task, value.substring(equals + 1).trim());
        }
        return models;
    }
}
