package ai.instill.flink.config;

import ai.instill.flink.task.InputLimits;
import ai.instill.flink.task.InstillTask;
import java.time.Duration;
import java.util.List;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.MemorySize;

/**
 * Every option of the connector, shared by the DataStream builder and the SQL model provider: the
 * one source of truth for keys, types, defaults and descriptions.
 */
@PublicEvolving
public final class InstillOptions {

    private InstillOptions() {}

    // ---- what to call
    // ------------------------------------------------------------------------------------------

    public static final ConfigOption<String> ENDPOINT =
            ConfigOptions.key("endpoint")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Address of Instill Model: host:port (plaintext), http://host:port or"
                                    + " https://host[:port] (TLS). The API gateway listens on 8080,"
                                    + " model-backend directly on 8083, Instill Cloud is"
                                    + " https://api.instill-ai.com.");

    public static final ConfigOption<String> MODEL_NAME =
            ConfigOptions.key("model-name")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "The model to call, as namespace/model/version (for example"
                                    + " acme/yolov7/v0.1.0), or namespace/model for its latest"
                                    + " version.");

    public static final ConfigOption<InstillTask> TASK =
            ConfigOptions.key("task")
                    .enumType(InstillTask.class)
                    .noDefaultValue()
                    .withDescription(
                            "The task to run; the model must serve it (checked once per model).");

    public static final ConfigOption<ProtocolVersion> PROTOCOL =
            ConfigOptions.key("protocol")
                    .enumType(ProtocolVersion.class)
                    .defaultValue(ProtocolVersion.MODEL_MODEL_V1ALPHA)
                    .withDescription(
                            "Which generation of the Instill Model gRPC API the server speaks.");

    // ---- transport
    // ---------------------------------------------------------------------------------------------

    public static final ConfigOption<Duration> REQUEST_TIMEOUT =
            ConfigOptions.key("request-timeout")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(5))
                    .withDescription(
                            "Deadline of one gRPC call. Cold models can take minutes to start; the"
                                    + " API gateway itself gives up after 600 s.");

    public static final ConfigOption<MemorySize> MAX_INBOUND_MESSAGE_SIZE =
            ConfigOptions.key("max-inbound-message-size")
                    .memoryType()
                    .defaultValue(MemorySize.ofMebiBytes(128))
                    .withDescription(
                            "Largest response accepted. gRPC's own default of 4 MiB is too small"
                                    + " for generated images and batches of base64 images.");

    public static final ConfigOption<MemorySize> MAX_IMAGE_SIZE =
            ConfigOptions.key("max-image-size")
                    .memoryType()
                    .defaultValue(MemorySize.ofMebiBytes(16))
                    .withDescription(
                            "Largest image accepted in a record; larger ones are rejected before"
                                    + " sending.");

    public static final ConfigOption<Boolean> TLS_ENABLED =
            ConfigOptions.key("tls.enabled")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription("Use TLS. Implied by an https:// endpoint.");

    public static final ConfigOption<String> TLS_CA_FILE =
            ConfigOptions.key("tls.ca-file")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "PEM file with the certificates to trust instead of the JVM's default"
                                    + " trust store.");

    public static final ConfigOption<String> TLS_CLIENT_CERT_FILE =
            ConfigOptions.key("tls.client-cert-file")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "PEM certificate chain for mutual TLS; needs tls.client-key-file.");

    public static final ConfigOption<String> TLS_CLIENT_KEY_FILE =
            ConfigOptions.key("tls.client-key-file")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "PEM (PKCS#8) private key for mutual TLS; needs tls.client-cert-file.");

    // ---- batching, concurrency, retries
    // -------------------------------------------------------------------------

    public static final ConfigOption<Boolean> BATCH_ENABLED =
            ConfigOptions.key("batch.enabled")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "Coalesce records for the same model into one trigger call"
                                    + " (micro-batching). Off sends one record per call.");

    public static final ConfigOption<Integer> BATCH_MAX_SIZE =
            ConfigOptions.key("batch.max-size")
                    .intType()
                    .defaultValue(16)
                    .withDescription("Most records in one trigger call.");

    public static final ConfigOption<MemorySize> BATCH_MAX_BYTES =
            ConfigOptions.key("batch.max-bytes")
                    .memoryType()
                    .defaultValue(MemorySize.ofMebiBytes(8))
                    .withDescription(
                            "Most encoded input bytes in one trigger call; a single larger record"
                                    + " is sent alone.");

    public static final ConfigOption<Duration> BATCH_LINGER =
            ConfigOptions.key("batch.linger")
                    .durationType()
                    .defaultValue(Duration.ofMillis(5))
                    .withDescription(
                            "The longest a record may wait for others to join its call. The wait"
                                    + " is shorter when the model answers fast (at most a"
                                    + " twentieth of its latency, and no less than 0.2 ms),"
                                    + " and a call leaves at once"
                                    + " when the batch is full or no more records can come.");

    public static final ConfigOption<Integer> MAX_CONCURRENT_CALLS =
            ConfigOptions.key("max-concurrent-calls")
                    .intType()
                    .defaultValue(8)
                    .withDescription("Most trigger calls in flight per parallel instance.");

    public static final ConfigOption<Boolean> ADAPTIVE_CONCURRENCY =
            ConfigOptions.key("adaptive-concurrency")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "Halve the calls in flight when the model answers RESOURCE_EXHAUSTED"
                                + " and grow them back as calls succeed, so a rate-limited model"
                                + " slows the job instead of failing it.");

    public static final ConfigOption<Integer> RETRY_MAX_ATTEMPTS =
            ConfigOptions.key("retry.max-attempts")
                    .intType()
                    .defaultValue(10)
                    .withDescription(
                            "Most calls made for one record, the first included. Retries also stop"
                                    + " when the record's timeout would pass.");

    public static final ConfigOption<Duration> RETRY_INITIAL_BACKOFF =
            ConfigOptions.key("retry.initial-backoff")
                    .durationType()
                    .defaultValue(Duration.ofMillis(100))
                    .withDescription(
                            "Ceiling of the first retry's random wait (exponential backoff, full"
                                    + " jitter).");

    public static final ConfigOption<Duration> RETRY_MAX_BACKOFF =
            ConfigOptions.key("retry.max-backoff")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(10))
                    .withDescription("Largest wait between two attempts.");

    public static final ConfigOption<Double> RETRY_BACKOFF_MULTIPLIER =
            ConfigOptions.key("retry.backoff-multiplier")
                    .doubleType()
                    .defaultValue(2.0)
                    .withDescription("Growth of the backoff ceiling from one retry to the next.");

    // ---- result cache
    // ---------------------------------------------------------------------------------------------

    public static final ConfigOption<Boolean> CACHE_ENABLED =
            ConfigOptions.key("cache.enabled")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "Answer a record whose request (endpoint, model, task, input and its"
                                    + " parameters) was answered before from a cache on the"
                                    + " TaskManager instead of calling the model, and let a record"
                                    + " whose request is in flight wait for that answer: a replay"
                                    + " after a failover and repeated content cost no call. Off by"
                                    + " default:"
                                    + " the cache takes TaskManager heap, and a model redeployed"
                                    + " under the same version would be answered from before.");

    public static final ConfigOption<Integer> CACHE_MAX_ENTRIES =
            ConfigOptions.key("cache.max-entries")
                    .intType()
                    .defaultValue(10_000)
                    .withDescription(
                            "Most answers the cache of a TaskManager holds; the least recently used"
                                    + " leave first.");

    public static final ConfigOption<MemorySize> CACHE_MAX_BYTES =
            ConfigOptions.key("cache.max-bytes")
                    .memoryType()
                    .defaultValue(MemorySize.ofMebiBytes(64))
                    .withDescription(
                            "Most bytes of answers (their size on the wire, plus a little per"
                                    + " entry) the cache of a TaskManager holds; the least recently"
                                    + " used leave first.");

    public static final ConfigOption<Duration> CACHE_TTL =
            ConfigOptions.key("cache.ttl")
                    .durationType()
                    .defaultValue(Duration.ofHours(1))
                    .withDescription("How long an answer of a pinned model version is reused.");

    public static final ConfigOption<Duration> CACHE_UNPINNED_TTL =
            ConfigOptions.key("cache.unpinned-ttl")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(1))
                    .withDescription(
                            "How long an answer of a model called without a version (its latest,"
                                    + " which can change under the job) is reused; at most"
                                    + " cache.ttl, 0 caches none.");

    public static final ConfigOption<Boolean> CACHE_NONDETERMINISTIC =
            ConfigOptions.key("cache.nondeterministic")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "Also cache requests whose answer varies from call to call: text"
                                    + " generation and chat without a seed and with a temperature"
                                    + " other than 0 (unset is the model's), text to image without"
                                    + " a seed or with several samples.");

    // ---- rate limits
    // ---------------------------------------------------------------------------------------------

    public static final ConfigOption<Double> RATE_LIMIT_RECORDS_PER_SECOND =
            ConfigOptions.key("rate-limit.records-per-second")
                    .doubleType()
                    .defaultValue(0.0)
                    .withDescription(
                            "Most records sent per second to one model from one TaskManager, shared"
                                    + " by its subtasks (a token bucket with a burst of one"
                                    + " second); records wait, holding no call slot, and the wait"
                                    + " backpressures the input. 0 = no limit.");

    public static final ConfigOption<Double> RATE_LIMIT_CALLS_PER_SECOND =
            ConfigOptions.key("rate-limit.calls-per-second")
                    .doubleType()
                    .defaultValue(0.0)
                    .withDescription(
                            "Most trigger calls per second to one model from one TaskManager,"
                                    + " shared by its subtasks (a token bucket with a burst of one"
                                    + " second). 0 = no limit.");

    // ---- per record
    // ------------------------------------------------------------------------------------------

    public static final ConfigOption<Duration> RECORD_TIMEOUT =
            ConfigOptions.key("record-timeout")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(10))
                    .withDescription(
                            "Overall time budget of one record, from its arrival to its result,"
                                    + " retries included; a record that runs out of it while other"
                                    + " records succeed follows the failure policy (during an"
                                    + " outage it waits instead, see outage.fail-after).");

    public static final ConfigOption<Duration> OUTAGE_FAIL_AFTER =
            ConfigOptions.key("outage.fail-after")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(5))
                    .withDescription(
                            "How long the model may fail every call (unreachable, unavailable,"
                                    + " overloaded) before the job fails; until then the operator"
                                    + " holds its records, probes the model and resumes by itself,"
                                    + " and no record reaches the failure policy.");

    public static final ConfigOption<Duration> STARTUP_CHECK_TIMEOUT =
            ConfigOptions.key("startup-check.timeout")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(10))
                    .withDescription(
                            "How long an operator, when it opens, waits for the model to answer"
                                    + " its check (endpoint, TLS, token, model, task) before the"
                                    + " job fails; a wrong answer fails at once.");

    public static final ConfigOption<Boolean> STARTUP_CHECK_RESTART =
            ConfigOptions.key("startup-check.restart")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "Whether Flink may restart a job whose start-up check failed. By"
                                    + " default such a failure is marked non-recoverable, so a"
                                    + " wrong endpoint, token or model does not restart in a"
                                    + " loop.");

    public static final ConfigOption<Integer> MAX_IN_FLIGHT_RECORDS =
            ConfigOptions.key("max-in-flight-records")
                    .intType()
                    .defaultValue(100)
                    .withDescription(
                            "Most records waiting for their result per parallel instance (the async"
                                + " operator's capacity); when reached, the operator backpressures"
                                + " its input.");

    public static final ConfigOption<OutputMode> OUTPUT_MODE =
            ConfigOptions.key("output-mode")
                    .enumType(OutputMode.class)
                    .defaultValue(OutputMode.ORDERED)
                    .withDescription("Emit results in input order, or as soon as they are ready.");

    public static final ConfigOption<FailurePolicy> FAILURE_POLICY =
            ConfigOptions.key("failure-policy")
                    .enumType(FailurePolicy.class)
                    .defaultValue(FailurePolicy.FAIL)
                    .withDescription("What happens to a record whose inference failed for good.");

    // ---- identity
    // ---------------------------------------------------------------------------------------------

    public static final ConfigOption<String> AUTH_TOKEN =
            ConfigOptions.key("auth.token")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Instill API token (instill_sk_…), sent as 'Authorization: Bearer …'."
                                + " Prefer auth.token-env or auth.token-file so the token is not"
                                + " part of the job.");

    public static final ConfigOption<String> AUTH_TOKEN_ENV =
            ConfigOptions.key("auth.token-env")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Name of an environment variable that holds the API token.");

    public static final ConfigOption<String> AUTH_TOKEN_FILE =
            ConfigOptions.key("auth.token-file")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Path of a file that holds the API token (surrounding white space"
                                    + " ignored).");

    public static final ConfigOption<String> AUTH_REQUESTER_UID =
            ConfigOptions.key("auth.requester-uid")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "UUID of the organisation to act for (header Instill-Requester-Uid);"
                                    + " unset acts for the token's user.");

    public static final ConfigOption<String> AUTH_USER_UID =
            ConfigOptions.key("auth.user-uid")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Direct mode, for calling model-backend without the API gateway on a"
                                    + " trusted network: the user UUID sent as Instill-User-Uid"
                                    + " together with Instill-Auth-Type: user.");

    public static final ConfigOption<Long> MAX_IMAGE_PIXELS =
            ConfigOptions.key("max-image-pixels")
                    .longType()
                    .defaultValue(InputLimits.DEFAULT_MAX_IMAGE_PIXELS)
                    .withDescription(
                            "Most pixels (width × height) an image's header may declare; larger"
                                    + " ones are rejected before sending. A few bytes can declare"
                                    + " an image that takes gigabytes once the model decodes it;"
                                    + " 40 million is a little more than an 8K frame.");

    /**
     * The optional options every surface takes alike (how to reach, batch, retry, cache and limit
     * calls, and credentials); each surface adds what it must have and what it owns itself.
     */
    public static List<ConfigOption<?>> sharedOptions() {
        return List.of(
                PROTOCOL,
                REQUEST_TIMEOUT,
                MAX_INBOUND_MESSAGE_SIZE,
                MAX_IMAGE_SIZE,
                MAX_IMAGE_PIXELS,
                TLS_ENABLED,
                TLS_CA_FILE,
                TLS_CLIENT_CERT_FILE,
                TLS_CLIENT_KEY_FILE,
                BATCH_ENABLED,
                BATCH_MAX_SIZE,
                BATCH_MAX_BYTES,
                BATCH_LINGER,
                MAX_CONCURRENT_CALLS,
                ADAPTIVE_CONCURRENCY,
                RETRY_MAX_ATTEMPTS,
                RETRY_INITIAL_BACKOFF,
                RETRY_MAX_BACKOFF,
                RETRY_BACKOFF_MULTIPLIER,
                RECORD_TIMEOUT,
                OUTAGE_FAIL_AFTER,
                STARTUP_CHECK_TIMEOUT,
                STARTUP_CHECK_RESTART,
                CACHE_ENABLED,
                CACHE_MAX_ENTRIES,
                CACHE_MAX_BYTES,
                CACHE_TTL,
                CACHE_UNPINNED_TTL,
                CACHE_NONDETERMINISTIC,
                RATE_LIMIT_RECORDS_PER_SECOND,
                RATE_LIMIT_CALLS_PER_SECOND,
                AUTH_TOKEN,
                AUTH_TOKEN_ENV,
                AUTH_TOKEN_FILE,
                AUTH_REQUESTER_UID,
                AUTH_USER_UID);
    }
}
