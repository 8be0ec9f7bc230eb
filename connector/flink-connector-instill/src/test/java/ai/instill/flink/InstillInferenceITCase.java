package ai.instill.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.instill.flink.config.FailurePolicy;
import ai.instill.flink.config.InstillOptions;
import ai.instill.flink.config.OutputMode;
import ai.instill.flink.error.ErrorCode;
import ai.instill.flink.server.DefaultModels;
import ai.instill.flink.server.imaging.TextImages;
import ai.instill.flink.server.testing.LocalModelServerExtension;
import ai.instill.flink.server.testing.TestImages;
import ai.instill.flink.task.ChatInput;
import ai.instill.flink.task.ClassificationResult;
import ai.instill.flink.task.DetectionResult;
import ai.instill.flink.task.EmbeddingInput;
import ai.instill.flink.task.EmbeddingItem;
import ai.instill.flink.task.EmbeddingResult;
import ai.instill.flink.task.Image;
import ai.instill.flink.task.ImageInput;
import ai.instill.flink.task.InstanceSegmentationResult;
import ai.instill.flink.task.InstillTask;
import ai.instill.flink.task.KeypointResult;
import ai.instill.flink.task.OcrResult;
import ai.instill.flink.task.SemanticSegmentationResult;
import ai.instill.flink.task.TaskResult;
import ai.instill.flink.task.TextGenerationInput;
import ai.instill.flink.task.TextResult;
import ai.instill.flink.task.TextToImageInput;
import ai.instill.flink.task.TextToImageResult;
import ai.instill.flink.testutils.JobRuns;
import io.grpc.Status;
import java.awt.Color;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The DataStream operator on a Flink mini cluster against the local model server over a real
 * socket.
 */
class InstillInferenceITCase {
    private static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension static final MiniClusterExtension FLINK = JobRuns.miniCluster(REPORTER);

    private static final List<String> COLOURS =
            List.of("red", "green", "blue", "yellow", "cyan", "magenta", "black");

    @RegisterExtension
    static final LocalModelServerExtension SERVER = new LocalModelServerExtension();

    private final JobRuns jobs = new JobRuns(REPORTER, "instill-it");

    @BeforeEach
    void resetInFlight() {
        InFlight.reset();
    }

    // ---- every task
    // --------------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(OutputMode.class)
    void everyTaskEnrichesEveryRecord(OutputMode mode) throws Exception {
        StreamExecutionEnvironment env = JobRuns.env();
        DataStream<Photo> photos = env.fromData(photos(8));
        List<DataStream<String>> branches = new ArrayList<>();
        for (InstillTask task : InstillTask.values()) {
            InstillInference<Photo, String> inference =
                    InstillInference.<Photo>builder()
                            .endpoint(SERVER.endpoint())
                            .task(task)
                            .modelName(modelFor(task))
                            .input(p -> Photo.inputFor(task, p))
                            .outputMode(mode)
                            .combine(
                                    (p, r) -> task + "|" + p.id() + "|" + summary(p, r),
                                    Types.STRING)
                            .build();
            branches.add(inference.applyTo(photos));
        }
        List<String> out =
                jobs.collect(
                        branches.get(0)
                                .union(
                                        branches.subList(1, branches.size())
                                                .toArray(DataStream[]::new)));

        assertThat(out).hasSize(8 * InstillTask.values().length);
        for (InstillTask task : InstillTask.values()) {
            List<String> lines = out.stream().filter(l -> l.startsWith(task + "|")).toList();
            assertThat(lines)
                    .as(task.name())
                    .hasSize(8)
                    .allSatisfy(l -> assertThat(l).endsWith("|ok"));
        }
    }

    // ---- bounds and backpressure
    // ---------------------------------------------------------------------------------

    @Test
    void aSlowModelBackpressuresAFastSourceWithinTheConfiguredBounds() throws Exception {
        SERVER.server().faults(DefaultModels.CLASSIFIER).latency(Duration.ofMillis(20));
        StreamExecutionEnvironment env = JobRuns.env();
        env.setParallelism(1);
        InstillInference<Photo, String> inference =
                classify()
                        .maxInFlightRecords(6)
                        .option(InstillOptions.MAX_CONCURRENT_CALLS, 2)
                        .option(InstillOptions.BATCH_MAX_SIZE, 3)
                        .input(InFlight::enter)
                        .combine(InFlight::leave, Types.STRING)
                        .build();
        List<String> out = jobs.collect(inference.applyTo(env.fromData(photos(120))));

        assertThat(out).hasSize(120);
        assertThat(SERVER.server().stats(DefaultModels.CLASSIFIER).peakConcurrentCalls())
                .isLessThanOrEqualTo(2);
        assertThat(SERVER.server().stats(DefaultModels.CLASSIFIER).maxInputsPerCall())
                .isLessThanOrEqualTo(3);
        // the source is much faster than the model: it is held back exactly at the operator's
        // capacity
        assertThat(InFlight.peak()).isEqualTo(6);
    }

    @Test
    void batchesCarryManyRecordsAndEachResultLandsOnItsOwnRecord() throws Exception {
        SERVER.server()
                .faults(DefaultModels.CLASSIFIER)
                .latency(Duration.ofMillis(1), Duration.ofMillis(25));
        StreamExecutionEnvironment env = JobRuns.env();
        InstillInference<Photo, String> inference =
                classify()
                        .outputMode(OutputMode.UNORDERED)
                        .option(InstillOptions.BATCH_MAX_SIZE, 8)
                        .option(InstillOptions.BATCH_LINGER, Duration.ofMillis(20))
                        .combine(
                                (p, r) -> p.colour() + "=" + ((ClassificationResult) r).category(),
                                Types.STRING)
                        .build();
        List<String> out = jobs.collect(inference.applyTo(env.fromData(photos(200))));

        assertThat(out)
                .hasSize(200)
                .allSatisfy(
                        line -> {
                            String[] parts = line.split("=");
                            assertThat(parts[1]).isEqualTo(parts[0]);
                        });
        assertThat(SERVER.server().stats(DefaultModels.CLASSIFIER).maxInputsPerCall())
                .isGreaterThan(1);
        assertThat(SERVER.server().stats(DefaultModels.CLASSIFIER).calls()).isLessThan(200);
    }

    // ---- retries and throttling
    // -------------------------------------------------------------------------------

    @Test
    void unavailableAndEmptyAnswersAreRetriedUntilEveryRecordHasItsResult() throws Exception {
        SERVER.server()
                .faults(DefaultModels.CLASSIFIER)
                .seed(7)
                .errorRate(Status.Code.UNAVAILABLE, 0.3)
                .emptyOutputsNext(1)
                .fewerOutputsNext(1);
        StreamExecutionEnvironment env = JobRuns.env();
        InstillInference<Photo, String> inference =
                classify()
                        .option(InstillOptions.RETRY_INITIAL_BACKOFF, Duration.ofMillis(5))
                        .option(InstillOptions.RETRY_MAX_ATTEMPTS, 30)
                        .combine(
                                (p, r) -> p.colour() + "=" + ((ClassificationResult) r).category(),
                                Types.STRING)
                        .build();
        var job = env.fromData(photos(150));
        List<String> out = jobs.collect(inference.applyTo(job));

        assertThat(out)
                .hasSize(150)
                .allSatisfy(line -> assertThat(line.split("=")[1]).isEqualTo(line.split("=")[0]));
        assertThat(SERVER.server().stats(DefaultModels.CLASSIFIER).failedCalls()).isPositive();
        assertThat(jobs.counter("retries")).isPositive();
    }

    @Test
    void inputsTheServerRefusesAreDeadLetteredWithoutARetry() throws Exception {
        SERVER.server()
                .faults(DefaultModels.CLASSIFIER)
                .errorRate(Status.Code.INVALID_ARGUMENT, 1.0);
        StreamExecutionEnvironment env = JobRuns.env();
        env.setParallelism(1);
        InstillInference<Photo, Enriched<Photo>> inference =
                classify()
                        .option(InstillOptions.BATCH_ENABLED, false)
                        .failurePolicy(FailurePolicy.DEAD_LETTER)
                        .build();
        SingleOutputStreamOperator<Enriched<Photo>> enriched =
                inference.applyTo(env.fromData(photos(10)));
        // typed dead letters: Flink 1.20's Kryo cannot serialize the record Photo
        List<DeadLetter<Photo>> dead =
                jobs.collect(enriched.getSideOutput(inference.deadLetters(photoType())));

        assertThat(dead)
                .hasSize(10)
                .allSatisfy(
                        d -> {
                            assertThat(d.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                            assertThat(d.attempts()).isEqualTo(1);
                        });
        assertThat(SERVER.server().stats(DefaultModels.CLASSIFIER).calls()).isEqualTo(10);
    }

    @Test
    void aPermissionRefusedForEveryCallFailsTheJobInsteadOfDeadLetteringTheStream() {
        SERVER.server()
                .faults(DefaultModels.CLASSIFIER)
                .errorRate(Status.Code.PERMISSION_DENIED, 1.0);
        StreamExecutionEnvironment env = JobRuns.env();
        InstillInference<Photo, Enriched<Photo>> inference =
                classify().failurePolicy(FailurePolicy.DEAD_LETTER).build();
        SingleOutputStreamOperator<Enriched<Photo>> enriched =
                inference.applyTo(env.fromData(photos(10)));

        assertThatThrownBy(() -> jobs.collect(enriched.getSideOutput(inference.deadLetters())))
                .rootCause()
                .hasMessageContaining("PERMISSION_DENIED");
        assertThat(jobs.counter("deadLettered")).isZero();
        assertThat(jobs.counter("systemFailures")).isPositive();
    }

    @Test
    void aBurstOfResourceExhaustedLowersTheCallsInFlightAndTheJobFinishesWithoutARestart()
            throws Exception {
        SERVER.server()
                .faults(DefaultModels.CLASSIFIER)
                .latency(Duration.ofMillis(5))
                .failNext(6, Status.Code.RESOURCE_EXHAUSTED);
        StreamExecutionEnvironment env = JobRuns.env();
        env.setParallelism(1);
        InstillInference<Photo, String> inference =
                classify()
                        .option(InstillOptions.MAX_CONCURRENT_CALLS, 8)
                        .option(InstillOptions.BATCH_MAX_SIZE, 2)
                        .option(InstillOptions.RETRY_INITIAL_BACKOFF, Duration.ofMillis(20))
                        .combine(
                                (p, r) -> p.colour() + "=" + ((ClassificationResult) r).category(),
                                Types.STRING)
                        .build();
        List<String> out = jobs.collect(inference.applyTo(env.fromData(photos(100))));

        assertThat(out).hasSize(100);
        assertThat(jobs.counter("throttlingEvents")).isPositive();
        assertThat(SERVER.server().stats(DefaultModels.CLASSIFIER).failedCalls()).isEqualTo(6);
    }

    // ---- failure policies
    // ----------------------------------------------------------------------------------------

    @Test
    void deadLettersCarryTheInputTheCodeTheReasonAndTheAttempts() throws Exception {
        SERVER.server().faults(DefaultModels.CLASSIFIER).latency(Duration.ofMillis(2));
        StreamExecutionEnvironment env = JobRuns.env();
        InstillInference<Photo, Enriched<Photo>> inference =
                classify()
                        .failurePolicy(FailurePolicy.DEAD_LETTER)
                        .modelPerRecord(
                                p ->
                                        p.id() % 10 == 3
                                                ? "local/no-such-model/v1"
                                                : DefaultModels.CLASSIFIER)
                        .build();
        SingleOutputStreamOperator<Enriched<Photo>> enriched =
                inference.applyTo(env.fromData(photosWithBroken(50)));
        DataStream<String> all =
                enriched.map(e -> "ok|" + e.input().id(), Types.STRING)
                        .union(
                                enriched.getSideOutput(inference.deadLetters(photoType()))
                                        .map(
                                                d ->
                                                        "dead|"
                                                                + d.input().id()
                                                                + "|"
                                                                + d.code()
                                                                + "|"
                                                                + d.attempts()
                                                                + "|"
                                                                + d.model()
                                                                + "|"
                                                                + d.task()
                                                                + "|"
                                                                + d.message(),
                                                Types.STRING));
        List<String> out = jobs.collect(all);

        assertThat(out).hasSize(50); // inputs = results + dead letters
        Map<Long, String> byId =
                out.stream()
                        .collect(Collectors.toMap(l -> Long.parseLong(l.split("\\|")[1]), l -> l));
        assertThat(byId).hasSize(50);
        assertThat(byId.get(3L))
                .startsWith("dead|3|NOT_FOUND|1|local/no-such-model/v1|TASK_CLASSIFICATION|");
        assertThat(byId.get(7L)).startsWith("dead|7|INVALID_INPUT|0|").contains("not an image");
        assertThat(byId.get(1L)).isEqualTo("ok|1");
    }

    @Test
    void skippedRecordsAreCountedAndNothingElseIsLost() throws Exception {
        StreamExecutionEnvironment env = JobRuns.env();
        InstillInference<Photo, Enriched<Photo>> inference =
                classify().failurePolicy(FailurePolicy.SKIP).build();
        List<Enriched<Photo>> out =
                jobs.collect(inference.applyTo(env.fromData(photosWithBroken(40))));

        long broken = photosWithBroken(40).stream().filter(Photo::broken).count();
        assertThat(out).hasSize((int) (40 - broken));
        assertThat(jobs.counter("skipped")).isEqualTo(broken);
    }

    @Test
    void aModelTooSlowForEveryRecordHoldsThemThenFailsTheJobWithoutDeadLetters() {
        SERVER.server().faults(DefaultModels.CLASSIFIER).latency(Duration.ofSeconds(2));
        StreamExecutionEnvironment env = JobRuns.env();
        InstillInference<Photo, Enriched<Photo>> inference =
                classify()
                        .failurePolicy(FailurePolicy.DEAD_LETTER)
                        .recordTimeout(Duration.ofMillis(300))
                        .option(InstillOptions.OUTAGE_FAIL_AFTER, Duration.ofSeconds(3))
                        .build();
        SingleOutputStreamOperator<Enriched<Photo>> enriched =
                inference.applyTo(env.fromData(photos(6)));

        assertThatThrownBy(() -> jobs.collect(enriched.getSideOutput(inference.deadLetters())))
                .rootCause()
                .hasMessageContaining("outage.fail-after");
        assertThat(jobs.counter("deadLettered")).isZero();
        assertThat(jobs.counter("systemFailures")).isPositive();
    }

    @Test
    void theFailPolicyFailsTheJobWithAClearReason() {
        StreamExecutionEnvironment env = JobRuns.env();
        InstillInference<Photo, Enriched<Photo>> inference =
                classify().failurePolicy(FailurePolicy.FAIL).build();
        assertThatThrownBy(
                        () -> jobs.collect(inference.applyTo(env.fromData(photosWithBroken(10)))))
                .rootCause()
                .hasMessageContaining("INVALID_INPUT")
                .hasMessageContaining("not an image");
    }

    // ---- failover
    // ---------------------------------------------------------------------------------------------

    @Test
    void aFailoverMidStreamStillYieldsExactlyOneResultPerInput() throws Exception {
        FailOnce.armed.set(true);
        StreamExecutionEnvironment env = JobRuns.env();
        env.enableCheckpointing(100);
        JobRuns.restartOnFailure(env);
        int count = 300;
        DataGeneratorSource<Photo> source =
                new DataGeneratorSource<>(
                        (GeneratorFunction<Long, Photo>) Photo::numbered,
                        count,
                        RateLimiterStrategy.perSecond(150),
                        org.apache.flink.api.common.typeinfo.TypeInformation.of(Photo.class));
        DataStream<Photo> photos =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "photos");
        InstillInference<Photo, String> inference =
                classify()
                        .combine(
                                (p, r) -> p.id() + "=" + ((ClassificationResult) r).category(),
                                Types.STRING)
                        .build();
        List<String> out =
                jobs.collect(inference.applyTo(photos).map(new FailOnce()).returns(Types.STRING));

        assertThat(FailOnce.armed.get()).isFalse(); // the failure did happen
        assertThat(out).hasSize(count).doesNotHaveDuplicates();
        assertThat(
                        out.stream()
                                .map(l -> Long.parseLong(l.split("=")[0]))
                                .collect(Collectors.toSet()))
                .isEqualTo(JobRuns.idsBelow(count));
    }

    /** Throws once, in the middle of the stream, to force a failover. */
    static final class FailOnce
            implements org.apache.flink.api.common.functions.MapFunction<String, String> {
        static final AtomicBoolean armed = new AtomicBoolean();
        static final AtomicInteger seen = new AtomicInteger();

        @Override
        public String map(String value) {
            if (seen.incrementAndGet() > 120 && armed.compareAndSet(true, false)) {
                throw new IllegalStateException("injected failure for the failover test");
            }
            return value;
        }
    }

    // ---- fixtures
    // ---------------------------------------------------------------------------------------------

    private static InstillInference.Builder<Photo, Enriched<Photo>> classify() {
        return InstillInference.<Photo>builder()
                .endpoint(SERVER.endpoint())
                .task(InstillTask.CLASSIFICATION)
                .modelName(DefaultModels.CLASSIFIER)
                .input(p -> Photo.inputFor(InstillTask.CLASSIFICATION, p));
    }

    private static List<Photo> photos(int count) {
        List<Photo> photos = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            photos.add(Photo.numbered(i));
        }
        return photos;
    }

    /** Every tenth record, from the seventh on, carries bytes that are no image. */
    private static List<Photo> photosWithBroken(int count) {
        List<Photo> photos = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            photos.add(i % 10 == 7 ? new Photo(i, "broken") : Photo.numbered(i));
        }
        return photos;
    }

    private static String modelFor(InstillTask task) {
        return switch (task) {
            case CLASSIFICATION -> DefaultModels.CLASSIFIER;
            case DETECTION -> DefaultModels.DETECTOR;
            case KEYPOINT -> DefaultModels.KEYPOINT;
            case OCR -> DefaultModels.OCR;
            case INSTANCE_SEGMENTATION -> DefaultModels.INSTANCE_SEGMENTER;
            case SEMANTIC_SEGMENTATION -> DefaultModels.SEMANTIC_SEGMENTER;
            case TEXT_GENERATION -> DefaultModels.COMPLETION;
            case TEXT_GENERATION_CHAT, VISUAL_QUESTION_ANSWERING, CHAT -> DefaultModels.CHAT;
            case TEXT_TO_IMAGE -> DefaultModels.TEXT_TO_IMAGE;
            case EMBEDDING -> DefaultModels.EMBEDDER;
        };
    }

    /** Checks that a result is the one expected for this photo; "ok" or what was wrong. */
    private static String summary(Photo photo, TaskResult result) {
        boolean ok;
        if (result instanceof ClassificationResult r) {
            ok = r.category().equals(photo.colour());
        } else if (result instanceof DetectionResult r) {
            ok = r.objects().size() == 1 && r.objects().get(0).category().equals(photo.colour());
        } else if (result instanceof KeypointResult r) {
            ok = r.objects().size() == 1;
        } else if (result instanceof OcrResult r) {
            ok =
                    r.objects().size() == 1
                            && r.objects().get(0).text().equals(photo.colour().toUpperCase());
        } else if (result instanceof InstanceSegmentationResult r) {
            ok = r.objects().size() == 1 && r.objects().get(0).mask().count() == 12 * 8;
        } else if (result instanceof SemanticSegmentationResult r) {
            ok = r.stuffs().stream().anyMatch(s -> s.category().equals(photo.colour()));
        } else if (result instanceof TextResult r) {
            ok = r.text().contains(photo.colour());
        } else if (result instanceof TextToImageResult r) {
            ok = r.images().size() == 1;
        } else if (result instanceof EmbeddingResult r) {
            ok = r.embeddings().size() == 1 && r.embeddings().get(0).vector().length == 16;
        } else {
            ok = false;
        }
        return ok ? "ok" : "unexpected " + result;
    }

    /** Counts records between entering the operator and leaving it. */
    static final class InFlight {
        private static final AtomicInteger current = new AtomicInteger();
        private static final AtomicInteger peak = new AtomicInteger();

        static ai.instill.flink.task.TaskInput enter(Photo photo) {
            peak.accumulateAndGet(current.incrementAndGet(), Math::max);
            return Photo.inputFor(InstillTask.CLASSIFICATION, photo);
        }

        static String leave(Photo photo, TaskResult result) {
            current.decrementAndGet();
            return photo.colour() + "=" + ((ClassificationResult) result).category();
        }

        static int peak() {
            return peak.get();
        }

        static void reset() {
            current.set(0);
            peak.set(0);
        }
    }

    /**
     * A test record: an id and the colour its image is painted with ("broken" for bytes that are no
     * image).
     */
    private static TypeInformation<Photo> photoType() {
        return TypeInformation.of(Photo.class);
    }

    public record Photo(long id, String colour) {
        static Photo numbered(long id) {
            return new Photo(id, COLOURS.get((int) (id * 7919 % COLOURS.size())));
        }

        boolean broken() {
            return colour.equals("broken");
        }

        static ai.instill.flink.task.TaskInput inputFor(InstillTask task, Photo p) {
            if (p.broken()) {
                return new ImageInput(Image.ofBytes(new byte[] {'n', 'o', 'p', 'e', 0, 1, 2, 3}));
            }
            Color colour = colour(p.colour());
            return switch (task) {
                case CLASSIFICATION ->
                        new ImageInput(Image.ofBytes(TestImages.solid(colour, 8, 8)));
                case DETECTION, KEYPOINT, INSTANCE_SEGMENTATION, SEMANTIC_SEGMENTATION ->
                        new ImageInput(
                                Image.ofBytes(
                                        TestImages.canvas(40, 30, Color.WHITE)
                                                .rect(colour, 5, 6, 12, 8)
                                                .png()));
                case OCR -> new ImageInput(Image.ofBytes(TextImages.renderPng(p.colour(), 2)));
                case TEXT_GENERATION ->
                        TextGenerationInput.builder().prompt("paint it " + p.colour()).build();
                case TEXT_GENERATION_CHAT, CHAT ->
                        ChatInput.builder().prompt("is it " + p.colour() + "?").build();
                case VISUAL_QUESTION_ANSWERING ->
                        ChatInput.builder()
                                .prompt("which colour?")
                                .promptImages(
                                        List.of(Image.ofBytes(TestImages.solid(colour, 6, 4))))
                                .build();
                case TEXT_TO_IMAGE ->
                        TextToImageInput.builder().prompt(p.colour() + " square").build();
                case EMBEDDING ->
                        EmbeddingInput.builder()
                                .items(List.of(EmbeddingItem.text(p.colour())))
                                .dimensions(16)
                                .build();
            };
        }

        static Color colour(String name) {
            Map<String, Color> colours = new HashMap<>();
            colours.put("red", Color.RED);
            colours.put("green", Color.GREEN);
            colours.put("blue", Color.BLUE);
            colours.put("yellow", Color.YELLOW);
            colours.put("cyan", Color.CYAN);
            colours.put("magenta", Color.MAGENTA);
            colours.put("black", Color.BLACK);
            return colours.get(name);
        }
    }
}
