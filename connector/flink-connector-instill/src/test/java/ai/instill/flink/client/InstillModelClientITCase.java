package ai.instill.flink.client;

import static ai.instill.flink.server.DefaultModels.CHAT;
import static ai.instill.flink.server.DefaultModels.CLASSIFIER;
import static ai.instill.flink.server.DefaultModels.COMPLETION;
import static ai.instill.flink.server.DefaultModels.DETECTOR;
import static ai.instill.flink.server.DefaultModels.EMBEDDER;
import static ai.instill.flink.server.DefaultModels.INSTANCE_SEGMENTER;
import static ai.instill.flink.server.DefaultModels.KEYPOINT;
import static ai.instill.flink.server.DefaultModels.OCR;
import static ai.instill.flink.server.DefaultModels.SEMANTIC_SEGMENTER;
import static ai.instill.flink.server.DefaultModels.TEXT_TO_IMAGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.instill.flink.config.InstillOptions;
import ai.instill.flink.config.ProtocolVersion;
import ai.instill.flink.error.ErrorClass;
import ai.instill.flink.error.ErrorCode;
import ai.instill.flink.error.InstillModelException;
import ai.instill.flink.server.imaging.TextImages;
import ai.instill.flink.server.testing.LocalModelServerExtension;
import ai.instill.flink.server.testing.TestImages;
import ai.instill.flink.task.ChatInput;
import ai.instill.flink.task.ChatMessage;
import ai.instill.flink.task.ClassificationResult;
import ai.instill.flink.task.DetectedObject;
import ai.instill.flink.task.DetectionResult;
import ai.instill.flink.task.EmbeddingInput;
import ai.instill.flink.task.EmbeddingItem;
import ai.instill.flink.task.EmbeddingResult;
import ai.instill.flink.task.Image;
import ai.instill.flink.task.ImageInput;
import ai.instill.flink.task.InstanceSegmentationResult;
import ai.instill.flink.task.InstillTask;
import ai.instill.flink.task.KeypointResult;
import ai.instill.flink.task.ModelName;
import ai.instill.flink.task.OcrResult;
import ai.instill.flink.task.SemanticSegmentationResult;
import ai.instill.flink.task.TaskInput;
import ai.instill.flink.task.TaskResult;
import ai.instill.flink.task.TextGenerationInput;
import ai.instill.flink.task.TextResult;
import ai.instill.flink.task.TextToImageInput;
import ai.instill.flink.task.TextToImageResult;
import io.grpc.Status;
import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The client against the local model server over a real socket, for every task and both API
 * generations.
 */
class InstillModelClientITCase {
    @RegisterExtension
    static final LocalModelServerExtension SERVER = new LocalModelServerExtension();

    // ---- every task, both generations
    // ------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void classifiesAnImageByItsDominantColour(ProtocolVersion protocol) {
        ClassificationResult result =
                (ClassificationResult)
                        one(
                                protocol,
                                CLASSIFIER,
                                InstillTask.CLASSIFICATION,
                                image(TestImages.solid(Color.RED, 16, 16)));
        assertThat(result.category()).isEqualTo("red");
        assertThat(result.score()).isEqualTo(1.0);
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void detectsEachShapeWithItsExactBox(ProtocolVersion protocol) {
        byte[] png =
                TestImages.canvas(100, 80, Color.WHITE)
                        .rect(Color.RED, 10, 20, 30, 15)
                        .rect(Color.BLUE, 60, 50, 20, 20)
                        .png();
        DetectionResult result =
                (DetectionResult) one(protocol, DETECTOR, InstillTask.DETECTION, image(png));
        assertThat(result.objects())
                .extracting(DetectedObject::category)
                .containsExactly("red", "blue");
        assertThat(result.objects().get(0).boundingBox())
                .isEqualTo(new ai.instill.flink.task.BoundingBox(10, 20, 30, 15));
        assertThat(result.objects().get(1).boundingBox())
                .isEqualTo(new ai.instill.flink.task.BoundingBox(60, 50, 20, 20));
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void findsKeypointsInsideEachObject(ProtocolVersion protocol) {
        byte[] png = TestImages.canvas(64, 64, Color.WHITE).rect(Color.GREEN, 8, 8, 21, 11).png();
        KeypointResult result =
                (KeypointResult) one(protocol, KEYPOINT, InstillTask.KEYPOINT, image(png));
        assertThat(result.objects()).hasSize(1);
        var object = result.objects().get(0);
        assertThat(object.keypoints()).isNotEmpty();
        assertThat(object.keypoints().get(0).x()).isEqualTo(18.0);
        assertThat(object.keypoints().get(0).y()).isEqualTo(13.0);
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void readsTextRenderedInAnImage(ProtocolVersion protocol) {
        OcrResult result =
                (OcrResult)
                        one(
                                protocol,
                                OCR,
                                InstillTask.OCR,
                                image(TextImages.renderPng("HELLO FLINK 42", 3)));
        assertThat(result.objects()).hasSize(1);
        assertThat(result.objects().get(0).text()).isEqualTo("HELLO FLINK 42");
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void segmentsInstancesWithMasksRelativeToTheirBox(ProtocolVersion protocol) {
        // an L shape: a 10x4 bar with a 4x10 leg, so the mask is not the whole box
        byte[] png =
                TestImages.canvas(40, 40, Color.WHITE)
                        .rect(Color.BLUE, 5, 5, 10, 4)
                        .rect(Color.BLUE, 5, 5, 4, 10)
                        .png();
        InstanceSegmentationResult result =
                (InstanceSegmentationResult)
                        one(
                                protocol,
                                INSTANCE_SEGMENTER,
                                InstillTask.INSTANCE_SEGMENTATION,
                                image(png));
        assertThat(result.objects()).hasSize(1);
        var mask = result.objects().get(0).mask();
        assertThat(mask.width()).isEqualTo(10);
        assertThat(mask.height()).isEqualTo(10);
        assertThat(mask.count()).isEqualTo(10 * 4 + 4 * 6);
        assertThat(mask.get(0, 0)).isTrue();
        assertThat(mask.get(9, 9)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void segmentsEveryPixelOfTheImage(ProtocolVersion protocol) {
        byte[] png = TestImages.canvas(20, 10, Color.WHITE).rect(Color.RED, 2, 3, 5, 4).png();
        SemanticSegmentationResult result =
                (SemanticSegmentationResult)
                        one(
                                protocol,
                                SEMANTIC_SEGMENTER,
                                InstillTask.SEMANTIC_SEGMENTATION,
                                image(png));
        var red =
                result.stuffs().stream()
                        .filter(s -> s.category().equals("red"))
                        .findFirst()
                        .orElseThrow();
        var white =
                result.stuffs().stream()
                        .filter(s -> s.category().equals("white"))
                        .findFirst()
                        .orElseThrow();
        assertThat(result.mask(red).count()).isEqualTo(20);
        assertThat(result.mask(red).get(2, 3)).isTrue();
        assertThat(result.mask(white).count()).isEqualTo(200 - 20);
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void generatesTextFromAPrompt(ProtocolVersion protocol) {
        TextResult result =
                (TextResult)
                        one(
                                protocol,
                                COMPLETION,
                                InstillTask.TEXT_GENERATION,
                                TextGenerationInput.builder()
                                        .prompt("rivers flow to the sea")
                                        .build());
        assertThat(result.text()).contains("sea the to flow rivers");
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void answersAChatWithHistory(ProtocolVersion protocol) {
        ChatInput input =
                ChatInput.builder()
                        .prompt("And in French?")
                        .chatHistory(
                                List.of(
                                        ChatMessage.user("Say hello."),
                                        ChatMessage.assistant("Hello!")))
                        .build();
        for (InstillTask task : List.of(InstillTask.CHAT, InstillTask.TEXT_GENERATION_CHAT)) {
            TextResult result = (TextResult) one(protocol, CHAT, task, input);
            assertThat(result.text()).contains("And in French?").contains("2 earlier messages");
        }
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void answersAQuestionAboutAnImage(ProtocolVersion protocol) {
        ChatInput input =
                ChatInput.builder()
                        .prompt("What colour is this?")
                        .promptImages(List.of(Image.ofBytes(TestImages.solid(Color.RED, 40, 30))))
                        .build();
        TextResult result =
                (TextResult) one(protocol, CHAT, InstillTask.VISUAL_QUESTION_ANSWERING, input);
        assertThat(result.text()).contains("40x30").contains("red");
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void generatesImagesFromAPrompt(ProtocolVersion protocol) throws Exception {
        TextToImageResult result =
                (TextToImageResult)
                        one(
                                protocol,
                                TEXT_TO_IMAGE,
                                InstillTask.TEXT_TO_IMAGE,
                                TextToImageInput.builder()
                                        .prompt("a fox")
                                        .samples(2)
                                        .aspectRatio("16:9")
                                        .build());
        assertThat(result.images()).hasSize(2);
        var decoded = ImageIO.read(new ByteArrayInputStream(result.images().get(0).bytes()));
        assertThat(decoded.getWidth()).isGreaterThan(decoded.getHeight());
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void embedsEveryItem(ProtocolVersion protocol) {
        EmbeddingResult result =
                (EmbeddingResult)
                        one(
                                protocol,
                                EMBEDDER,
                                InstillTask.EMBEDDING,
                                EmbeddingInput.builder()
                                        .items(
                                                List.of(
                                                        EmbeddingItem.text("a photo of a cat"),
                                                        EmbeddingItem.text("a photo of a cat"),
                                                        EmbeddingItem.text("stock prices")))
                                        .dimensions(32)
                                        .build());
        assertThat(result.embeddings()).hasSize(3);
        assertThat(result.embeddings().get(0).vector())
                .hasSize(32)
                .containsExactly(result.embeddings().get(1).vector());
        assertThat(result.embeddings().get(2).vector())
                .isNotEqualTo(result.embeddings().get(0).vector());
    }

    // ---- many inputs per call
    // ------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void sendsManyInputsInOneCallAndMatchesResultsByPosition(ProtocolVersion protocol) {
        List<Color> colours =
                List.of(Color.RED, Color.GREEN, Color.BLUE, Color.YELLOW, Color.BLACK);
        List<TaskInput> inputs =
                colours.stream().<TaskInput>map(c -> image(TestImages.solid(c, 8, 8))).toList();
        try (InstillModelClient client = client(protocol, c -> {})) {
            List<TaskResult> results =
                    client.trigger(ModelName.parse(CLASSIFIER), InstillTask.CLASSIFICATION, inputs)
                            .join();
            assertThat(results)
                    .extracting(r -> ((ClassificationResult) r).category())
                    .containsExactly("red", "green", "blue", "yellow", "black");
        }
        assertThat(SERVER.server().stats(CLASSIFIER).inputsPerCall()).containsExactly(5);
    }

    @Test
    void theLatestVersionIsUsedWhenNoneIsPinned() {
        ClassificationResult result =
                (ClassificationResult)
                        one(
                                ProtocolVersion.MODEL_MODEL_V1ALPHA,
                                "local/stand-in-classifier",
                                InstillTask.CLASSIFICATION,
                                image(TestImages.solid(Color.BLUE, 4, 4)));
        assertThat(result.category()).isEqualTo("blue");
    }

    // ---- model checks
    // ----------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void anUnknownModelIsNotFound(ProtocolVersion protocol) {
        assertFailsWith(
                () ->
                        one(
                                protocol,
                                "local/no-such-model/v1",
                                InstillTask.CLASSIFICATION,
                                image(TestImages.solid(Color.RED, 4, 4))),
                ErrorCode.NOT_FOUND);
    }

    @Test
    void anUnknownVersionIsNotFoundAndNamesTheVersionsThereAre() {
        assertThatThrownBy(
                        () ->
                                one(
                                        ProtocolVersion.MODEL_MODEL_V1ALPHA,
                                        "local/stand-in-classifier/v9",
                                        InstillTask.CLASSIFICATION,
                                        image(TestImages.solid(Color.RED, 4, 4))))
                .hasCauseInstanceOf(InstillModelException.class)
                .hasMessageContaining("v9")
                .hasMessageContaining("v1");
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void aModelThatServesAnotherTaskIsRefusedBeforeAnyTrigger(ProtocolVersion protocol) {
        assertThatThrownBy(
                        () ->
                                one(
                                        protocol,
                                        CHAT,
                                        InstillTask.TEXT_GENERATION,
                                        TextGenerationInput.builder().prompt("hi").build()))
                .cause()
                .isInstanceOfSatisfying(
                        InstillModelException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.TASK_MISMATCH))
                .hasMessageContaining("COMPLETION");
        assertThat(SERVER.server().stats(CHAT).calls()).isZero();
    }

    // ---- injected faults surface as the documented exceptions
    // --------------------------------------------------

    @Test
    void unavailableIsRetryable() {
        SERVER.server().faults(CLASSIFIER).failNext(1, Status.Code.UNAVAILABLE);
        InstillModelException e = failure(() -> classify(c -> {}));
        assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(e.isRetryable()).isTrue();
    }

    @Test
    void resourceExhaustedBurstIsRetryable() {
        SERVER.server().faults(CLASSIFIER).failNext(2, Status.Code.RESOURCE_EXHAUSTED);
        assertThat(failure(() -> classify(c -> {})).code()).isEqualTo(ErrorCode.RESOURCE_EXHAUSTED);
        assertThat(failure(() -> classify(c -> {})).isRetryable()).isTrue();
        assertThat(classify(c -> {}).category()).isEqualTo("red");
    }

    @Test
    void invalidArgumentIsBadInput() {
        SERVER.server().faults(CLASSIFIER).errorRate(Status.Code.INVALID_ARGUMENT, 1.0);
        assertThat(failure(() -> classify(c -> {})).code().errorClass())
                .isEqualTo(ErrorClass.BAD_INPUT);
    }

    @Test
    void okWithNoOutputsIsMissingOutputs() {
        SERVER.server().faults(CLASSIFIER).emptyOutputsNext(1);
        InstillModelException e = failure(() -> classify(c -> {}));
        assertThat(e.code()).isEqualTo(ErrorCode.MISSING_OUTPUTS);
        assertThat(e).hasMessageContaining("0 output");
    }

    @Test
    void okWithFewerOutputsThanInputsIsMissingOutputs() {
        SERVER.server().faults(CLASSIFIER).fewerOutputsNext(1);
        List<TaskInput> two =
                List.<TaskInput>of(
                        image(TestImages.solid(Color.RED, 4, 4)),
                        image(TestImages.solid(Color.BLUE, 4, 4)));
        try (InstillModelClient client = client(ProtocolVersion.MODEL_MODEL_V1ALPHA, c -> {})) {
            InstillModelException e =
                    failure(
                            () ->
                                    client.trigger(
                                                    ModelName.parse(CLASSIFIER),
                                                    InstillTask.CLASSIFICATION,
                                                    two)
                                            .join());
            assertThat(e.code()).isEqualTo(ErrorCode.MISSING_OUTPUTS);
            assertThat(e).hasMessageContaining("1 output");
        }
    }

    @Test
    void aCallSlowerThanTheRequestTimeoutExceedsItsDeadline() {
        SERVER.server().faults(CLASSIFIER).latency(Duration.ofSeconds(3));
        InstillModelException e =
                failure(
                        () ->
                                classify(
                                        c ->
                                                c.set(
                                                        InstillOptions.REQUEST_TIMEOUT,
                                                        Duration.ofMillis(300))));
        assertThat(e.code()).isEqualTo(ErrorCode.DEADLINE_EXCEEDED);
        assertThat(e.isRetryable()).isTrue();
    }

    @Test
    void aColdStartLongerThanTheDeadlineExceedsIt() {
        SERVER.server().faults(CLASSIFIER).coldStart(Duration.ofSeconds(3));
        assertThat(
                        failure(
                                        () ->
                                                classify(
                                                        c ->
                                                                c.set(
                                                                        InstillOptions
                                                                                .REQUEST_TIMEOUT,
                                                                        Duration.ofMillis(300))))
                                .code())
                .isEqualTo(ErrorCode.DEADLINE_EXCEEDED);
    }

    @Test
    void aServerThatIsNotThereIsUnavailable() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Configuration config = new Configuration();
        config.set(InstillOptions.ENDPOINT, "127.0.0.1:" + port);
        try (InstillModelClient client = InstillModelClient.create(config)) {
            InstillModelException e =
                    failure(
                            () ->
                                    client.trigger(
                                                    ModelName.parse(CLASSIFIER),
                                                    InstillTask.CLASSIFICATION,
                                                    List.of(
                                                            image(
                                                                    TestImages.solid(
                                                                            Color.RED, 4, 4))))
                                            .join());
            assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
        }
    }

    // ---- message size
    // ----------------------------------------------------------------------------------------

    @Test
    void acceptsAResponseLargerThanGrpcsDefaultFourMebibytes() {
        EmbeddingResult result =
                (EmbeddingResult)
                        one(
                                ProtocolVersion.MODEL_MODEL_V1ALPHA,
                                EMBEDDER,
                                InstillTask.EMBEDDING,
                                bigEmbedding());
        assertThat(result.embeddings().get(0).vector()).hasSize(1_000_000);
    }

    @Test
    void theInboundLimitIsEnforcedWhenLowered() {
        try (InstillModelClient client =
                client(
                        ProtocolVersion.MODEL_MODEL_V1ALPHA,
                        c ->
                                c.set(
                                        InstillOptions.MAX_INBOUND_MESSAGE_SIZE,
                                        MemorySize.parse("4mb")))) {
            InstillModelException e =
                    failure(
                            () ->
                                    client.trigger(
                                                    ModelName.parse(EMBEDDER),
                                                    InstillTask.EMBEDDING,
                                                    List.of(bigEmbedding()))
                                            .join());
            assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_EXHAUSTED);
        }
    }

    // ---- channels
    // --------------------------------------------------------------------------------------------

    @Test
    void clientsWithTheSameSettingsShareOneChannel() {
        int before = ChannelCache.openChannels();
        try (InstillModelClient a = client(ProtocolVersion.MODEL_MODEL_V1ALPHA, c -> {});
                InstillModelClient b = client(ProtocolVersion.MODEL_V1ALPHA, c -> {})) {
            assertThat(ChannelCache.openChannels()).isEqualTo(before + 1);
        }
        assertThat(ChannelCache.openChannels()).isEqualTo(before);
    }

    @Test
    void aSharedChannelRunsItsConnectionsOnLoopsOfItsOwnThatStopWithIt() throws Exception {
        long before = loopThreads();
        try (InstillModelClient client = client(ProtocolVersion.MODEL_MODEL_V1ALPHA, c -> {})) {
            for (int i = 0; i < 2 * ChannelCache.CONNECTIONS; i++) {
                assertThat(
                                client.trigger(
                                                ModelName.parse(COMPLETION),
                                                InstillTask.TEXT_GENERATION,
                                                List.of(
                                                        TextGenerationInput.builder()
                                                                .prompt("hello")
                                                                .build()))
                                        .join())
                        .hasSize(1);
            }
            assertThat(loopThreads()).isEqualTo(before + ChannelCache.CONNECTIONS);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (loopThreads() > before && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(loopThreads()).isEqualTo(before);
    }

    private static long loopThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("instill-grpc"))
                .count();
    }

    // ---- helpers
    // ---------------------------------------------------------------------------------------------

    private static EmbeddingInput bigEmbedding() {
        return EmbeddingInput.builder()
                .items(List.of(EmbeddingItem.text("large")))
                .dimensions(1_000_000)
                .build();
    }

    private static ClassificationResult classify(Consumer<Configuration> options) {
        try (InstillModelClient client = client(ProtocolVersion.MODEL_MODEL_V1ALPHA, options)) {
            return (ClassificationResult)
                    client.trigger(
                                    ModelName.parse(CLASSIFIER),
                                    InstillTask.CLASSIFICATION,
                                    List.of(image(TestImages.solid(Color.RED, 4, 4))))
                            .join()
                            .get(0);
        }
    }

    private static TaskResult one(
            ProtocolVersion protocol, String model, InstillTask task, TaskInput input) {
        try (InstillModelClient client = client(protocol, c -> {})) {
            List<TaskResult> results =
                    client.trigger(ModelName.parse(model), task, List.of(input)).join();
            assertThat(results).hasSize(1);
            return results.get(0);
        }
    }

    static InstillModelClient client(ProtocolVersion protocol, Consumer<Configuration> options) {
        Configuration config = new Configuration();
        config.set(InstillOptions.ENDPOINT, SERVER.endpoint());
        config.set(InstillOptions.PROTOCOL, protocol);
        options.accept(config);
        return InstillModelClient.create(config);
    }

    private static ImageInput image(byte[] png) {
        return new ImageInput(Image.ofBytes(png));
    }

    private static InstillModelException failure(Runnable call) {
        try {
            call.run();
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(InstillModelException.class);
            return (InstillModelException) e.getCause();
        }
        throw new AssertionError("expected the call to fail");
    }

    private static void assertFailsWith(Runnable call, ErrorCode code) {
        assertThat(failure(call).code()).isEqualTo(code);
    }
}
