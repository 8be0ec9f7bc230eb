package ai.instill.flink.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.instill.flink.error.ErrorCode;
import ai.instill.flink.error.InvalidInputException;
import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class InputValidationTest {

    private static final String UNPAIRED = "ab\uD83Dc";
    private static final String UNPAIRED_PROBLEM =
            "contains invalid UTF-16 (an unpaired surrogate at index 2)";

    private static void assertInvalid(
            InstillTask task, TaskInput input, String field, String problem) {
        assertInvalid(TaskCodec.of(task, InputLimits.DEFAULT), input, field, problem);
    }

    /**
     * Both encoding and preparing (validation without encoding, for images) refuse the input the
     * same way.
     */
    private static void assertInvalid(
            TaskCodec codec, TaskInput input, String field, String problem) {
        for (ThrowingCallable validation :
                List.<ThrowingCallable>of(() -> codec.encode(input), () -> codec.prepare(input))) {
            assertThatThrownBy(validation)
                    .isInstanceOfSatisfying(
                            InvalidInputException.class,
                            e -> {
                                assertThat(e.field()).isEqualTo(field);
                                assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
                                assertThat(e.getMessage())
                                        .isEqualTo(
                                                "INVALID_INPUT: field '" + field + "': " + problem);
                            });
        }
    }

    private static TextGenerationInput.Builder text() {
        return TextGenerationInput.builder().prompt("Hi");
    }

    private static ChatInput.Builder chat() {
        return ChatInput.builder().prompt("Hi");
    }

    private static ChatInput history(ChatMessage... messages) {
        return chat().chatHistory(Arrays.asList(messages)).build();
    }

    private static TextToImageInput.Builder picture() {
        return TextToImageInput.builder().prompt("a fox");
    }

    private static EmbeddingInput.Builder embedding() {
        return EmbeddingInput.builder().items(EmbeddingItem.text("cat"));
    }

    // --- input type ---

    @Test
    void rejectsAnInputOfTheWrongTypeNamingTheTaskAndTheExpectedType() {
        assertInvalid(
                InstillTask.DETECTION,
                text().build(),
                "input",
                "task TASK_DETECTION takes input type ImageInput, got TextGenerationInput");
    }

    @Test
    void rejectsAMissingInput() {
        assertInvalid(InstillTask.CHAT, null, "input", "is required");
    }

    // --- images ---

    @Test
    void rejectsAMissingImage() {
        assertInvalid(InstillTask.CLASSIFICATION, ImageInput.of(null), "image", "is required");
    }

    @Test
    void rejectsAnEmptyImage() {
        assertInvalid(
                InstillTask.CLASSIFICATION,
                ImageInput.of(Image.ofBytes(new byte[0])),
                "image",
                "must not be empty");
    }

    @Test
    void rejectsADataUriWithNothingAfterTheComma() {
        assertInvalid(
                InstillTask.OCR,
                ImageInput.of(Image.ofBase64("data:image/png;base64,")),
                "image",
                "must not be empty");
    }

    @Test
    void rejectsImageTextThatIsNotBase64() {
        assertInvalid(
                InstillTask.KEYPOINT,
                ImageInput.of(Image.ofBase64("%%% not base64 %%%")),
                "image",
                "not valid base64");
    }

    @Test
    void rejectsBytesThatAreNotAnImage() {
        assertInvalid(
                InstillTask.DETECTION,
                ImageInput.of(Image.ofBase64("aGVsbG8gd29ybGQ=")),
                "image",
                "not an image (PNG, JPEG, GIF, WebP, BMP or TIFF expected)");
    }

    @Test
    void rejectsATruncatedPngBeforeSendingIt() {
        byte[] png = ImageSamples.png().bytes();
        assertInvalid(
                InstillTask.DETECTION,
                ImageInput.of(Image.ofBytes(Arrays.copyOf(png, png.length - 12))),
                "image",
                "is a truncated PNG (it has no IEND chunk)");
    }

    @Test
    void rejectsAnImageLargerThanTheLimit() {
        assertInvalid(
                TaskCodec.of(InstillTask.CLASSIFICATION, new InputLimits(64)),
                ImageInput.of(ImageSamples.png()),
                "image",
                "is 70 bytes, larger than the limit of 64 bytes");
    }

    @Test
    void rejectsASemanticSegmentationImageWhoseSizeCannotBeRead() {
        // cut inside its header, but ending like a whole PNG (IEND), so that only the header check
        // can tell
        byte[] truncated = Arrays.copyOf(Base64.getDecoder().decode(ImageSamples.PNG_BASE64), 16);
        System.arraycopy(new byte[] {'I', 'E', 'N', 'D'}, 0, truncated, 12, 4);

        assertThatThrownBy(
                        () ->
                                TaskCodec.of(InstillTask.SEMANTIC_SEGMENTATION, InputLimits.DEFAULT)
                                        .encode(ImageInput.of(Image.ofBytes(truncated))))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> {
                            assertThat(e.field()).isEqualTo("image");
                            assertThat(e.getMessage())
                                    .contains("cannot read the size of the PNG image");
                        });
    }

    @Test
    void rejectsAPngWhoseHeaderDeclaresMorePixelsThanTheLimit() {
        assertInvalid(
                InstillTask.CLASSIFICATION,
                ImageInput.of(Image.ofBytes(ImageSamples.pngDeclaring(100_000, 100_000))),
                "image",
                "PNG header declares 100000 × 100000 pixels, over the limit of 40000000 set by"
                        + " 'max-image-pixels'");
    }

    @Test
    void rejectsAJpegWhoseFrameHeaderDeclaresMorePixelsThanTheLimit() {
        assertInvalid(
                InstillTask.DETECTION,
                ImageInput.of(Image.ofBytes(ImageSamples.jpegDeclaring(8000, 6000))),
                "image",
                "JPEG header declares 8000 × 6000 pixels, over the limit of 40000000 set by"
                        + " 'max-image-pixels'");
    }

    @Test
    void rejectsEveryFormatWhoseHeaderDeclaresMorePixelsThanTheLimit() {
        byte[] gif = Base64.getDecoder().decode(ImageSamples.GIF_BASE64);
        gif[6] = gif[7] = gif[8] = gif[9] = -1; // logical screen 65535 × 65535
        byte[] bmp = Base64.getDecoder().decode(ImageSamples.BMP_BASE64);
        bmp[21] = 0x10; // width 4 + 2^28
        byte[] tiff = Base64.getDecoder().decode(ImageSamples.TIFF_BASE64);
        tiff[18] = 0x7F; // ImageWidth (SHORT, big-endian) 4 → 0x7F04 = 32516
        tiff[30] = 0x7F; // ImageLength 2 → 0x7F02 = 32514

        assertInvalid(
                InstillTask.OCR,
                ImageInput.of(Image.ofBytes(gif)),
                "image",
                "GIF header declares 65535 × 65535 pixels, over the limit of 40000000 set by"
                        + " 'max-image-pixels'");
        assertInvalid(
                InstillTask.OCR,
                ImageInput.of(Image.ofBytes(bmp)),
                "image",
                "BMP header declares 268435460 × 2 pixels, over the limit of 40000000 set by"
                        + " 'max-image-pixels'");
        assertInvalid(
                InstillTask.OCR,
                ImageInput.of(Image.ofBytes(tiff)),
                "image",
                "TIFF header declares 32516 × 32514 pixels, over the limit of 40000000 set by"
                        + " 'max-image-pixels'");
        assertInvalid(
                InstillTask.OCR,
                ImageInput.of(Image.ofBytes(ImageSamples.webpVp8x(16_384, 16_384))),
                "image",
                "WebP header declares 16384 × 16384 pixels, over the limit of 40000000 set by"
                        + " 'max-image-pixels'");
    }

    @Test
    void thePixelLimitIsAParameterOfTheCheck() {
        Image fourByTwo = ImageSamples.png();

        assertThat(InputChecks.image(fourByTwo, "image", InputLimits.DEFAULT, 8))
                .isSameAs(fourByTwo);
        assertThatThrownBy(() -> InputChecks.image(fourByTwo, "image", InputLimits.DEFAULT, 7))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(
                        "INVALID_INPUT: field 'image': PNG header declares 4 × 2 pixels, over the"
                                + " limit of 7 set by 'max-image-pixels'");
    }

    @Test
    void rejectsAJpegCutBeforeItsEndMarker() {
        assertInvalid(
                InstillTask.CLASSIFICATION,
                ImageInput.of(Image.ofBytes(ImageSamples.jpegWithoutEnd())),
                "image",
                "is a truncated JPEG (it has no EOI marker, FFD9)");
    }

    @Test
    void rejectsAJpegCutInsideItsHeaderOrItsImageData() {
        byte[] jpeg = ImageSamples.jpeg().bytes();
        for (int length : new int[] {4, 30, 200, jpeg.length - 10}) {
            assertInvalid(
                    InstillTask.CLASSIFICATION,
                    ImageInput.of(Image.ofBytes(Arrays.copyOf(jpeg, length))),
                    "image",
                    "is a truncated JPEG (it has no EOI marker, FFD9)");
        }
    }

    @Test
    void rejectsACutJpegEvenWhenTheEndMarkerOfItsExifThumbnailIsThere() {
        byte[] jpeg = ImageSamples.jpegWithThumbnail();

        assertInvalid(
                InstillTask.CLASSIFICATION,
                ImageInput.of(Image.ofBytes(Arrays.copyOf(jpeg, jpeg.length - 2))),
                "image",
                "is a truncated JPEG (it has no EOI marker, FFD9)");
    }

    @Test
    void acceptsAWholeJpegWithAThumbnailOrWithBytesAfterItsEndMarker() {
        TaskCodec codec = TaskCodec.of(InstillTask.CLASSIFICATION, InputLimits.DEFAULT);
        byte[] jpeg = ImageSamples.jpeg().bytes();
        byte[] padded = Arrays.copyOf(jpeg, jpeg.length + 16);

        assertThat(codec.encode(ImageInput.of(Image.ofBytes(ImageSamples.jpegWithThumbnail()))))
                .isNotNull();
        assertThat(codec.encode(ImageInput.of(Image.ofBytes(padded)))).isNotNull();
    }

    @Test
    void rejectsAnImageWhoseSizeCannotBeReadWhateverTheTask() {
        byte[] png = ImageSamples.png().bytes();
        System.arraycopy(new byte[] {'I', 'D', 'A', 'T'}, 0, png, 12, 4); // no IHDR first

        assertInvalid(
                InstillTask.CLASSIFICATION,
                ImageInput.of(Image.ofBytes(png)),
                "image",
                "cannot read the size of the PNG image (its first chunk is not IHDR)");
    }

    @Test
    void rejectsALimitBelowOneByte() {
        assertThatThrownBy(() -> new InputLimits(0))
                .hasMessage("maxImageBytes must be at least 1, got 0");
    }

    // --- prompts and texts ---

    @Test
    void rejectsAMissingPrompt() {
        assertInvalid(
                InstillTask.TEXT_GENERATION,
                TextGenerationInput.builder().build(),
                "prompt",
                "is required");
    }

    @Test
    void rejectsABlankPrompt() {
        assertInvalid(
                InstillTask.TEXT_GENERATION,
                TextGenerationInput.builder().prompt(" \n").build(),
                "prompt",
                "must not be empty");
    }

    @Test
    void rejectsAPromptWithAnUnpairedSurrogate() {
        assertInvalid(
                InstillTask.TEXT_GENERATION,
                TextGenerationInput.builder().prompt(UNPAIRED).build(),
                "prompt",
                UNPAIRED_PROBLEM);
    }

    @Test
    void rejectsALoneLowSurrogateToo() {
        assertInvalid(
                InstillTask.TEXT_GENERATION,
                TextGenerationInput.builder().prompt("x\uDC00").build(),
                "prompt",
                "contains invalid UTF-16 (an unpaired surrogate at index 1)");
    }

    @Test
    void acceptsCorrectlyPairedSurrogates() {
        TaskCodec codec = TaskCodec.of(InstillTask.TEXT_GENERATION, InputLimits.DEFAULT);

        assertThat(
                        codec.encode(
                                TextGenerationInput.builder()
                                        .prompt("rivers \uD83C\uDF0A")
                                        .build()))
                .isNotNull();
    }

    @Test
    void rejectsASystemMessageWithAnUnpairedSurrogate() {
        assertInvalid(
                InstillTask.TEXT_GENERATION,
                text().systemMessage(UNPAIRED).build(),
                "system_message",
                UNPAIRED_PROBLEM);
    }

    @Test
    void rejectsNegativeMaxNewTokens() {
        assertInvalid(
                InstillTask.TEXT_GENERATION,
                text().maxNewTokens(-1).build(),
                "max_new_tokens",
                "must be at least 0 (got -1)");
    }

    @Test
    void rejectsANegativeTemperature() {
        assertInvalid(
                InstillTask.TEXT_GENERATION,
                text().temperature(-0.5).build(),
                "temperature",
                "must be a finite number not below 0 (got -0.5)");
    }

    @Test
    void rejectsATemperatureThatIsNotANumber() {
        assertInvalid(
                InstillTask.CHAT,
                chat().temperature(Double.NaN).build(),
                "temperature",
                "must be a finite number not below 0 (got NaN)");
    }

    @Test
    void rejectsASeedTooLargeToSendExactly() {
        assertInvalid(
                InstillTask.TEXT_GENERATION,
                text().seed(Long.MAX_VALUE).build(),
                "seed",
                "must be between -2^53 and 2^53 to be sent exactly (got 9223372036854775807)");
    }

    // --- chat ---

    @Test
    void rejectsABlankChatPrompt() {
        assertInvalid(
                InstillTask.VISUAL_QUESTION_ANSWERING,
                ChatInput.builder().prompt("").build(),
                "prompt",
                "must not be empty");
    }

    @Test
    void rejectsAMissingPromptImage() {
        assertInvalid(
                InstillTask.VISUAL_QUESTION_ANSWERING,
                chat().addPromptImage(null).build(),
                "prompt_images[0]",
                "is required");
    }

    @Test
    void rejectsAPromptImageThatIsNotBase64() {
        ChatInput input =
                chat().addPromptImage(ImageSamples.png())
                        .addPromptImage(Image.ofBase64("***"))
                        .build();

        assertInvalid(
                InstillTask.VISUAL_QUESTION_ANSWERING,
                input,
                "prompt_images[1]",
                "not valid base64");
    }

    @Test
    void rejectsAMissingChatHistoryEntry() {
        assertInvalid(
                InstillTask.CHAT,
                history(ChatMessage.user("a"), null),
                "chat_history[1]",
                "is required");
    }

    @Test
    void rejectsAnUnknownRole() {
        assertInvalid(
                InstillTask.CHAT,
                history(new ChatMessage("bot", List.of(ContentPart.text("a")))),
                "chat_history[0].role",
                "must be one of system, user, assistant (got 'bot')");
    }

    @Test
    void rejectsAMissingRole() {
        assertInvalid(
                InstillTask.CHAT,
                history(new ChatMessage(null, List.of(ContentPart.text("a")))),
                "chat_history[0].role",
                "is required");
    }

    @Test
    void rejectsAMessageWithoutContent() {
        assertInvalid(
                InstillTask.CHAT,
                history(ChatMessage.user("a"), new ChatMessage("assistant", null)),
                "chat_history[1].content",
                "must not be empty");
    }

    @Test
    void rejectsAMissingContentPart() {
        assertInvalid(
                InstillTask.CHAT,
                history(new ChatMessage("user", Arrays.asList(ContentPart.text("a"), null))),
                "chat_history[0].content[1]",
                "is required");
    }

    @Test
    void rejectsATextPartWithoutText() {
        assertInvalid(
                InstillTask.CHAT,
                history(ChatMessage.user(null)),
                "chat_history[0].content[0].text",
                "is required");
    }

    @Test
    void rejectsATextPartWithAnUnpairedSurrogate() {
        assertInvalid(
                InstillTask.CHAT,
                history(ChatMessage.assistant(UNPAIRED)),
                "chat_history[0].content[0].text",
                UNPAIRED_PROBLEM);
    }

    @Test
    void rejectsAnImagePartWithoutAnImage() {
        assertInvalid(
                InstillTask.CHAT,
                history(new ChatMessage("user", List.of(ContentPart.image(null)))),
                "chat_history[0].content[0].image-base64",
                "is required");
    }

    @Test
    void rejectsAnImagePartThatIsNotAnImage() {
        ChatMessage message =
                new ChatMessage(
                        "user",
                        List.of(
                                ContentPart.text("see"),
                                ContentPart.image(Image.ofBase64("aGVsbG8="))));

        assertInvalid(
                InstillTask.CHAT,
                history(message),
                "chat_history[0].content[1].image-base64",
                "not an image (PNG, JPEG, GIF, WebP, BMP or TIFF expected)");
    }

    @Test
    void rejectsAnImageUrlPartWithAnEmptyUrl() {
        assertInvalid(
                InstillTask.CHAT,
                history(new ChatMessage("user", List.of(ContentPart.imageUrl("")))),
                "chat_history[0].content[0].image-url",
                "must not be empty");
    }

    @Test
    void rejectsAnImageUrlDataUriThatIsNotBase64() {
        assertInvalid(
                InstillTask.CHAT,
                history(
                        new ChatMessage(
                                "user",
                                List.of(ContentPart.imageUrl("data:image/png;base64,@@@")))),
                "chat_history[0].content[0].image-url",
                "not valid base64");
    }

    @Test
    void rejectsAnImageUrlDataUriThatHoldsNoImage() {
        assertInvalid(
                InstillTask.CHAT,
                history(
                        new ChatMessage(
                                "user",
                                List.of(
                                        ContentPart.text("see"),
                                        ContentPart.imageUrl(
                                                "data:image/png;base64,aGVsbG8gd29ybGQ=")))),
                "chat_history[0].content[1].image-url",
                "not an image (PNG, JPEG, GIF, WebP, BMP or TIFF expected)");
    }

    @Test
    void rejectsAnImageUrlDataUriWithNothingAfterTheComma() {
        assertInvalid(
                InstillTask.CHAT,
                history(
                        new ChatMessage(
                                "user", List.of(ContentPart.imageUrl("data:image/png;base64,")))),
                "chat_history[0].content[0].image-url",
                "must not be empty");
    }

    @Test
    void rejectsAnImageUrlDataUriWhoseHeaderDeclaresTooManyPixels() {
        String uri = ImageSamples.dataUri("image/png", ImageSamples.pngDeclaring(100_000, 100_000));

        assertInvalid(
                InstillTask.CHAT,
                history(new ChatMessage("user", List.of(ContentPart.imageUrl(uri)))),
                "chat_history[0].content[0].image-url",
                "PNG header declares 100000 × 100000 pixels, over the limit of 40000000 set by"
                        + " 'max-image-pixels'");
    }

    @Test
    void rejectsAnImageUrlDataUriWithATruncatedJpeg() {
        String uri = ImageSamples.dataUri("image/jpeg", ImageSamples.jpegWithoutEnd());

        assertInvalid(
                InstillTask.CHAT,
                history(new ChatMessage("user", List.of(ContentPart.imageUrl(uri)))),
                "chat_history[0].content[0].image-url",
                "is a truncated JPEG (it has no EOI marker, FFD9)");
    }

    @Test
    void rejectsAnImageUrlDataUriThatIsNotBase64Encoded() {
        for (String uri :
                List.of("data:image/png,%89PNG%0D%0A", "data:image/png;base64", "data:,hello")) {
            assertInvalid(
                    InstillTask.CHAT,
                    history(new ChatMessage("user", List.of(ContentPart.imageUrl(uri)))),
                    "chat_history[0].content[0].image-url",
                    "is a data URI that does not hold base64 (data:<type>;base64,<data>"
                            + " expected)");
        }
    }

    @Test
    void sendsAValidImageUrlDataUriAndAnHttpUrlUnchanged() {
        String dataUri = "DATA:image/png;BASE64," + ImageSamples.PNG_BASE64;
        String http = "https://example.com/not-checked-here.png";
        ChatInput input =
                history(
                        new ChatMessage(
                                "user",
                                List.of(
                                        ContentPart.imageUrl(dataUri),
                                        ContentPart.imageUrl(http))));

        Struct wire = TaskCodec.of(InstillTask.CHAT, InputLimits.DEFAULT).encode(input);

        ListValue parts =
                wire.getFieldsOrThrow("data")
                        .getStructValue()
                        .getFieldsOrThrow("messages")
                        .getListValue()
                        .getValues(0)
                        .getStructValue()
                        .getFieldsOrThrow("content")
                        .getListValue();
        assertThat(parts.getValuesList())
                .extracting(part -> part.getStructValue().getFieldsOrThrow("image-url"))
                .extracting(Value::getStringValue)
                .containsExactly(dataUri, http);
    }

    // --- text to image ---

    @Test
    void rejectsAMissingTextToImagePrompt() {
        assertInvalid(
                InstillTask.TEXT_TO_IMAGE,
                TextToImageInput.builder().samples(1).build(),
                "prompt",
                "is required");
    }

    @Test
    void rejectsZeroSamples() {
        assertInvalid(
                InstillTask.TEXT_TO_IMAGE,
                picture().samples(0).build(),
                "samples",
                "must be at least 1 (got 0)");
    }

    @Test
    void rejectsAnUnknownAspectRatio() {
        assertInvalid(
                InstillTask.TEXT_TO_IMAGE,
                picture().aspectRatio("4:3").build(),
                "aspect_ratio",
                "must be one of 16:9, 1:1, 21:9, 2:3, 3:2, 4:5, 5:4, 9:16, 9:21 (got '4:3')");
    }

    @Test
    void rejectsANegativePromptWithAnUnpairedSurrogate() {
        assertInvalid(
                InstillTask.TEXT_TO_IMAGE,
                picture().negativePrompt(UNPAIRED).build(),
                "negative_prompt",
                UNPAIRED_PROBLEM);
    }

    @Test
    void rejectsATextToImageSeedTooLargeToSendExactly() {
        assertInvalid(
                InstillTask.TEXT_TO_IMAGE,
                picture().seed(-(1L << 53) - 1).build(),
                "seed",
                "must be between -2^53 and 2^53 to be sent exactly (got -9007199254740993)");
    }

    // --- embedding ---

    @Test
    void rejectsAnEmbeddingWithoutItems() {
        assertInvalid(
                InstillTask.EMBEDDING,
                EmbeddingInput.builder().build(),
                "items",
                "must not be empty");
    }

    @Test
    void rejectsAMissingEmbeddingItem() {
        assertInvalid(
                InstillTask.EMBEDDING,
                embedding().addItem(null).build(),
                "items[1]",
                "is required");
    }

    @Test
    void rejectsABlankEmbeddingText() {
        assertInvalid(
                InstillTask.EMBEDDING,
                EmbeddingInput.builder().items(EmbeddingItem.text(" ")).build(),
                "items[0].text",
                "must not be empty");
    }

    @Test
    void rejectsAnEmbeddingImageLargerThanTheLimit() {
        TaskCodec codec = TaskCodec.of(InstillTask.EMBEDDING, new InputLimits(10));

        assertInvalid(
                codec,
                EmbeddingInput.builder().items(EmbeddingItem.image(ImageSamples.png())).build(),
                "items[0].image",
                "is 70 bytes, larger than the limit of 10 bytes");
    }

    @Test
    void rejectsAMissingEmbeddingImageUrl() {
        assertInvalid(
                InstillTask.EMBEDDING,
                embedding().addItem(EmbeddingItem.imageUrl(null)).build(),
                "items[1].image-url",
                "is required");
    }

    @Test
    void rejectsAnEmbeddingImageUrlDataUriLargerThanTheLimit() {
        TaskCodec codec = TaskCodec.of(InstillTask.EMBEDDING, new InputLimits(10));

        assertInvalid(
                codec,
                embedding()
                        .addItem(
                                EmbeddingItem.imageUrl(
                                        "data:image/png;base64," + ImageSamples.PNG_BASE64))
                        .build(),
                "items[1].image-url",
                "is 70 bytes, larger than the limit of 10 bytes");
    }

    @Test
    void rejectsAnEmbeddingImageUrlDataUriWhoseHeaderDeclaresTooManyPixels() {
        String uri = ImageSamples.dataUri("image/jpeg", ImageSamples.jpegDeclaring(10_000, 5_000));

        assertInvalid(
                InstillTask.EMBEDDING,
                embedding().addItem(EmbeddingItem.imageUrl(uri)).build(),
                "items[1].image-url",
                "JPEG header declares 10000 × 5000 pixels, over the limit of 40000000 set by"
                        + " 'max-image-pixels'");
    }

    @Test
    void acceptsAnEmbeddingImageUrlThatIsAPlainUrl() {
        TaskCodec codec = TaskCodec.of(InstillTask.EMBEDDING, new InputLimits(10));

        assertThat(
                        codec.encode(
                                embedding()
                                        .addItem(EmbeddingItem.imageUrl("http://example.com/a"))
                                        .build()))
                .isNotNull();
    }

    @Test
    void rejectsAnUnknownEmbeddingFormat() {
        assertInvalid(
                InstillTask.EMBEDDING,
                embedding().format("int8").build(),
                "format",
                "must be one of float, base64 (got 'int8')");
    }

    @Test
    void rejectsZeroDimensions() {
        assertInvalid(
                InstillTask.EMBEDDING,
                embedding().dimensions(0).build(),
                "dimensions",
                "must be at least 1 (got 0)");
    }

    @Test
    void rejectsAnUnknownTruncation() {
        assertInvalid(
                InstillTask.EMBEDDING,
                embedding().truncate("end").build(),
                "truncate",
                "must be one of None, End, Start (got 'end')");
    }

    @Test
    void rejectsAnInputTypeWithAnUnpairedSurrogate() {
        assertInvalid(
                InstillTask.EMBEDDING,
                embedding().inputType(UNPAIRED).build(),
                "input_type",
                UNPAIRED_PROBLEM);
    }
}
