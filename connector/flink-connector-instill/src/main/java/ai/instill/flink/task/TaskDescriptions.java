package ai.instill.flink.task;

import static ai.instill.flink.task.ResultType.BIGINT;
import static ai.instill.flink.task.ResultType.DOUBLE;
import static ai.instill.flink.task.ResultType.INT;
import static ai.instill.flink.task.ResultType.MASK;
import static ai.instill.flink.task.ResultType.STRING;
import static ai.instill.flink.task.ResultType.VECTOR;
import static ai.instill.flink.task.ResultType.arrayOf;
import static ai.instill.flink.task.ResultType.rowOf;

import java.util.List;
import java.util.function.Function;
import org.apache.flink.annotation.Internal;

/**
 * The description of every task, and the input fields they share. To add a task: its enum constant,
 * its typed input and result (listed in the {@code permits} of {@link TaskInput} and {@link
 * TaskResult}), its encoder and decoder, and one description here; the compiler points at the
 * switch in {@link #of}.
 */
@Internal
public final class TaskDescriptions {

    // ---- input fields ---------------------------------------------------------------------------

    public static final InputField<Image> IMAGE = InputField.image("image").required();
    public static final InputField<String> PROMPT = InputField.text("prompt").required();
    public static final InputField<String> SYSTEM_MESSAGE = InputField.text("system_message");
    public static final InputField<List<Image>> PROMPT_IMAGES = InputField.images("prompt_images");
    public static final InputField<List<ChatMessage>> CHAT_HISTORY =
            InputField.chatHistory("chat_history");
    public static final InputField<Integer> MAX_NEW_TOKENS = InputField.integer("max_new_tokens");
    public static final InputField<Double> TEMPERATURE = InputField.decimal("temperature");
    public static final InputField<Long> SEED = InputField.whole("seed");
    public static final InputField<Integer> SAMPLES = InputField.integer("samples");
    public static final InputField<String> NEGATIVE_PROMPT = InputField.text("negative_prompt");
    public static final InputField<String> ASPECT_RATIO = InputField.text("aspect_ratio");

    /** One item per SQL row (a text, or an image as BYTES); a text or a list in JSON. */
    public static final InputField<List<EmbeddingItem>> ITEMS =
            InputField.embeddingItems("items").required();

    public static final InputField<Integer> DIMENSIONS =
            InputField.integer("dimensions").withoutSqlColumn();
    public static final InputField<String> INPUT_TYPE =
            InputField.text("input_type").withoutSqlColumn().withoutJsonField();

    // ---- result fields --------------------------------------------------------------------------

    /** A {@link BoundingBox}: left, top, width and height in pixels. */
    public static final ResultType BOUNDING_BOX =
            rowOf(
                    ResultField.of("left", DOUBLE, BoundingBox::left),
                    ResultField.of("top", DOUBLE, BoundingBox::top),
                    ResultField.of("width", DOUBLE, BoundingBox::width),
                    ResultField.of("height", DOUBLE, BoundingBox::height));

    private static <T> ResultField<T> box(Function<T, BoundingBox> getter) {
        return ResultField.of("bounding_box", "bounding-box", BOUNDING_BOX, getter);
    }

    private static final List<ResultField<ClassificationResult>> CLASSIFICATION_RESULTS =
            List.of(
                    ResultField.of("category", STRING, ClassificationResult::category),
                    ResultField.of("score", DOUBLE, ClassificationResult::score));

    private static final List<ResultField<DetectionResult>> DETECTION_RESULTS =
            List.of(
                    ResultField.of(
                            "objects",
                            arrayOf(
                                    rowOf(
                                            ResultField.of(
                                                    "category", STRING, DetectedObject::category),
                                            ResultField.of("score", DOUBLE, DetectedObject::score),
                                            box(DetectedObject::boundingBox))),
                            DetectionResult::objects));

    private static final List<ResultField<KeypointResult>> KEYPOINT_RESULTS =
            List.of(
                    ResultField.of(
                            "objects",
                            arrayOf(
                                    rowOf(
                                            ResultField.of("score", DOUBLE, KeypointObject::score),
                                            box(KeypointObject::boundingBox),
                                            ResultField.of(
                                                    "keypoints",
                                                    arrayOf(
                                                            rowOf(
                                                                    ResultField.of(
                                                                            "x",
                                                                            DOUBLE,
                                                                            Keypoint::x),
                                                                    ResultField.of(
                                                                            "y",
                                                                            DOUBLE,
                                                                            Keypoint::y),
                                                                    ResultField.of(
                                                                            "v",
                                                                            DOUBLE,
                                                                            Keypoint::v))),
                                                    KeypointObject::keypoints))),
                            KeypointResult::objects));

    private static final List<ResultField<OcrResult>> OCR_RESULTS =
            List.of(
                    ResultField.of(
                            "objects",
                            arrayOf(
                                    rowOf(
                                            ResultField.of("text", STRING, OcrObject::text),
                                            ResultField.of("score", DOUBLE, OcrObject::score),
                                            box(OcrObject::boundingBox))),
                            OcrResult::objects));

    /** Masks stay RLE strings; SQL may also declare the decoded {@code mask} after {@code rle}. */
    private static final List<ResultField<InstanceSegmentationResult>> INSTANCE_RESULTS =
            List.of(
                    ResultField.of(
                            "objects",
                            arrayOf(
                                    rowOf(
                                            ResultField.of(
                                                    "category", STRING, InstanceObject::category),
                                            ResultField.of("score", DOUBLE, InstanceObject::score),
                                            box(InstanceObject::boundingBox),
                                            ResultField.of("rle", STRING, InstanceObject::rle),
                                            ResultField.sqlOnly("mask", MASK, InstanceObject::mask)
                                                    .onDemand())),
                            InstanceSegmentationResult::objects));

    /** A stuff with the result it belongs to, whose image size its decoded mask needs. */
    private record StuffOf(SemanticSegmentationResult result, Stuff stuff) {}

    /** The image size is in SQL only: the JSON reader has the input image at hand. */
    private static final List<ResultField<SemanticSegmentationResult>> SEMANTIC_RESULTS =
            List.of(
                    ResultField.of(
                            "stuffs",
                            arrayOf(
                                    rowOf(
                                            ResultField.of(
                                                    "category",
                                                    STRING,
                                                    (StuffOf s) -> s.stuff().category()),
                                            ResultField.of(
                                                    "rle", STRING, (StuffOf s) -> s.stuff().rle()),
                                            ResultField.sqlOnly(
                                                            "mask",
                                                            MASK,
                                                            (StuffOf s) ->
                                                                    s.result().mask(s.stuff()))
                                                    .onDemand())),
                            (SemanticSegmentationResult r) ->
                                    r.stuffs().stream().map(s -> new StuffOf(r, s)).toList()),
                    ResultField.sqlOnly(
                            "image_height", INT, SemanticSegmentationResult::imageHeight),
                    ResultField.sqlOnly(
                            "image_width", INT, SemanticSegmentationResult::imageWidth));

    /** Usage is flat in SQL and nested under {@code usage} in JSON, where it may be absent. */
    private static final List<ResultField<TextResult>> TEXT_RESULTS =
            List.of(
                    ResultField.of("text", STRING, TextResult::text),
                    ResultField.<TextResult>of(
                                    "finish_reason",
                                    "finish-reason",
                                    STRING,
                                    TextResult::finishReason)
                            .omittedFromJsonWhenNull(),
                    usage("prompt_tokens", "prompt-tokens", Usage::promptTokens),
                    usage("completion_tokens", "completion-tokens", Usage::completionTokens),
                    usage("total_tokens", "total-tokens", Usage::totalTokens));

    private static ResultField<TextResult> usage(
            String column, String key, Function<Usage, Long> count) {
        return ResultField.<TextResult>of(
                        column,
                        "usage." + key,
                        BIGINT,
                        r -> r.usage() == null ? null : count.apply(r.usage()))
                .omittedFromJsonWhenNull();
    }

    /** Bytes in SQL, data URIs in JSON. */
    private static final List<ResultField<TextToImageResult>> TEXT_TO_IMAGE_RESULTS =
            List.of(ResultField.of("images", arrayOf(ResultType.IMAGE), TextToImageResult::images));

    /** SQL has the first item's vector (one item per row); JSON has every item's. */
    private static final List<ResultField<EmbeddingResult>> EMBEDDING_RESULTS =
            List.of(
                    ResultField.sqlOnly(
                            "embedding",
                            VECTOR,
                            (EmbeddingResult r) ->
                                    r.embeddings().isEmpty()
                                            ? null
                                            : r.embeddings().get(0).vector()),
                    ResultField.jsonOnly(
                            "embeddings",
                            arrayOf(
                                    rowOf(
                                            ResultField.jsonOnly("index", INT, Embedding::index),
                                            ResultField.jsonOnly(
                                                    "vector", VECTOR, Embedding::vector))),
                            EmbeddingResult::embeddings));

    // ---- the tasks ------------------------------------------------------------------------------

    private static final TaskDescription<ImageInput, ClassificationResult> CLASSIFICATION =
            vision(InstillTask.CLASSIFICATION, ClassificationResult.class, false)
                    .decoder(root -> VisionDecoder.classification(root.object("data")))
                    .results(CLASSIFICATION_RESULTS)
                    .build();

    private static final TaskDescription<ImageInput, DetectionResult> DETECTION =
            vision(InstillTask.DETECTION, DetectionResult.class, false)
                    .decoder(root -> VisionDecoder.detection(root.object("data")))
                    .results(DETECTION_RESULTS)
                    .build();

    private static final TaskDescription<ImageInput, KeypointResult> KEYPOINT =
            vision(InstillTask.KEYPOINT, KeypointResult.class, false)
                    .decoder(root -> VisionDecoder.keypoint(root.object("data")))
                    .results(KEYPOINT_RESULTS)
                    .build();

    private static final TaskDescription<ImageInput, OcrResult> OCR =
            vision(InstillTask.OCR, OcrResult.class, false)
                    .decoder(root -> VisionDecoder.ocr(root.object("data")))
                    .results(OCR_RESULTS)
                    .build();

    private static final TaskDescription<ImageInput, InstanceSegmentationResult>
            INSTANCE_SEGMENTATION =
                    vision(
                                    InstillTask.INSTANCE_SEGMENTATION,
                                    InstanceSegmentationResult.class,
                                    false)
                            .decoder(
                                    root -> VisionDecoder.instanceSegmentation(root.object("data")))
                            .results(INSTANCE_RESULTS)
                            .build();

    /** Semantic masks cover the input image, so its header must state its size. */
    private static final TaskDescription<ImageInput, SemanticSegmentationResult>
            SEMANTIC_SEGMENTATION =
                    vision(
                                    InstillTask.SEMANTIC_SEGMENTATION,
                                    SemanticSegmentationResult.class,
                                    true)
                            .decoderOfInput(
                                    (input, root) ->
                                            VisionDecoder.semanticSegmentation(
                                                    root.object("data"),
                                                    InputChecks.dimensions(
                                                            input.image(), IMAGE.name())))
                            .results(SEMANTIC_RESULTS)
                            .build();

    private static final TaskDescription<TextGenerationInput, TextResult> TEXT_GENERATION =
            TaskDescription.builder(
                            InstillTask.TEXT_GENERATION,
                            TextGenerationInput.class,
                            TextResult.class)
                    .inputs(PROMPT, SYSTEM_MESSAGE, MAX_NEW_TOKENS, TEMPERATURE, SEED)
                    .input(
                            v ->
                                    new TextGenerationInput(
                                            v.get(PROMPT),
                                            v.get(SYSTEM_MESSAGE),
                                            v.get(MAX_NEW_TOKENS),
                                            v.get(TEMPERATURE),
                                            v.get(SEED)))
                    .encoder((input, limits) -> TextGenerationEncoder.encode(input))
                    .deterministicWhen(
                            in -> GenerationParameters.pinned(in.temperature(), in.seed()))
                    .decoder(TextDecoder::completion)
                    .results(TEXT_RESULTS)
                    .build();

    private static final TaskDescription<ChatInput, TextResult> TEXT_GENERATION_CHAT =
            chat(InstillTask.TEXT_GENERATION_CHAT);

    private static final TaskDescription<ChatInput, TextResult> VISUAL_QUESTION_ANSWERING =
            chat(InstillTask.VISUAL_QUESTION_ANSWERING);

    private static final TaskDescription<ChatInput, TextResult> CHAT = chat(InstillTask.CHAT);

    private static final TaskDescription<TextToImageInput, TextToImageResult> TEXT_TO_IMAGE =
            TaskDescription.builder(
                            InstillTask.TEXT_TO_IMAGE,
                            TextToImageInput.class,
                            TextToImageResult.class)
                    .inputs(PROMPT, SAMPLES, SEED, NEGATIVE_PROMPT, ASPECT_RATIO)
                    .input(
                            v ->
                                    new TextToImageInput(
                                            v.get(PROMPT),
                                            v.get(SAMPLES),
                                            v.get(SEED),
                                            v.get(NEGATIVE_PROMPT),
                                            v.get(ASPECT_RATIO)))
                    .encoder((input, limits) -> TextToImageEncoder.encode(input))
                    // a seed pins one image; several samples ask for variety
                    .deterministicWhen(
                            in -> in.seed() != null && (in.samples() == null || in.samples() == 1))
                    .decoder(TextToImageDecoder::decode)
                    .results(TEXT_TO_IMAGE_RESULTS)
                    .build();

    /** The decoder checks one vector per item sent. */
    private static final TaskDescription<EmbeddingInput, EmbeddingResult> EMBEDDING =
            TaskDescription.builder(
                            InstillTask.EMBEDDING, EmbeddingInput.class, EmbeddingResult.class)
                    .inputs(ITEMS, DIMENSIONS, INPUT_TYPE)
                    .arguments(new InputArgument("text", ITEMS, InputKind.EMBEDDING_ITEMS))
                    .input(
                            v ->
                                    EmbeddingInput.builder()
                                            .items(v.get(ITEMS))
                                            .dimensions(v.get(DIMENSIONS))
                                            .inputType(v.get(INPUT_TYPE))
                                            .build())
                    .encoder(EmbeddingEncoder::encode)
                    .decoderOfInput(
                            (input, root) -> EmbeddingDecoder.decode(root, input.items().size()))
                    .results(EMBEDDING_RESULTS)
                    .build();

    private TaskDescriptions() {}

    /** The description of a task. */
    public static TaskDescription<?, ?> of(InstillTask task) {
        return switch (task) {
            case CLASSIFICATION -> CLASSIFICATION;
            case DETECTION -> DETECTION;
            case KEYPOINT -> KEYPOINT;
            case OCR -> OCR;
            case INSTANCE_SEGMENTATION -> INSTANCE_SEGMENTATION;
            case SEMANTIC_SEGMENTATION -> SEMANTIC_SEGMENTATION;
            case TEXT_GENERATION -> TEXT_GENERATION;
            case TEXT_GENERATION_CHAT -> TEXT_GENERATION_CHAT;
            case TEXT_TO_IMAGE -> TEXT_TO_IMAGE;
            case VISUAL_QUESTION_ANSWERING -> VISUAL_QUESTION_ANSWERING;
            case CHAT -> CHAT;
            case EMBEDDING -> EMBEDDING;
        };
    }

    /**
     * The description of a task that gives this result (the text tasks share {@link TextResult} and
     * its fields).
     */
    public static TaskDescription<?, ?> ofResult(TaskResult result) {
        for (InstillTask task : InstillTask.values()) {
            if (of(task).resultType().isInstance(result)) {
                return of(task);
            }
        }
        throw new IllegalArgumentException("no task gives " + result.getClass().getName());
    }

    /**
     * A vision task: one image, encoded at each send so that a waiting record holds the image once;
     * {@code needsDimensions} also checks that its header states its size.
     */
    private static <R extends TaskResult> TaskDescription.Builder<ImageInput, R> vision(
            InstillTask task, Class<R> resultType, boolean needsDimensions) {
        return TaskDescription.builder(task, ImageInput.class, resultType)
                .inputs(IMAGE)
                .input(v -> new ImageInput(v.get(IMAGE)))
                .encoder((input, limits) -> VisionEncoder.encode(input, limits, needsDimensions))
                .preparer((input, limits) -> VisionEncoder.prepare(input, limits, needsDimensions));
    }

    /**
     * A task on a chat model; the function call takes one image where the columns take a list, and
     * no chat history.
     */
    private static TaskDescription<ChatInput, TextResult> chat(InstillTask task) {
        return TaskDescription.builder(task, ChatInput.class, TextResult.class)
                .inputs(
                        PROMPT,
                        PROMPT_IMAGES,
                        SYSTEM_MESSAGE,
                        CHAT_HISTORY,
                        MAX_NEW_TOKENS,
                        TEMPERATURE,
                        SEED)
                .arguments(
                        InputArgument.of(PROMPT),
                        new InputArgument("image", PROMPT_IMAGES, InputKind.IMAGE),
                        InputArgument.of(SYSTEM_MESSAGE),
                        InputArgument.of(MAX_NEW_TOKENS),
                        InputArgument.of(TEMPERATURE),
                        InputArgument.of(SEED))
                .input(
                        v ->
                                new ChatInput(
                                        v.get(PROMPT),
                                        v.get(SYSTEM_MESSAGE),
                                        v.get(PROMPT_IMAGES),
                                        v.get(CHAT_HISTORY),
                                        v.get(MAX_NEW_TOKENS),
                                        v.get(TEMPERATURE),
                                        v.get(SEED)))
                .encoder(ChatEncoder::encode)
                .deterministicWhen(in -> GenerationParameters.pinned(in.temperature(), in.seed()))
                .decoder(TextDecoder::chat)
                .results(TEXT_RESULTS)
                .build();
    }
}
