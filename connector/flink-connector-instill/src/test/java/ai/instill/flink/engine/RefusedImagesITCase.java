package ai.instill.flink.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.instill.flink.config.InstillOptions;
import ai.instill.flink.error.ErrorCode;
import ai.instill.flink.server.DefaultModels;
import ai.instill.flink.server.testing.LocalModelServerExtension;
import ai.instill.flink.server.testing.TestImages;
import ai.instill.flink.task.ChatInput;
import ai.instill.flink.task.ChatMessage;
import ai.instill.flink.task.ContentPart;
import ai.instill.flink.task.Image;
import ai.instill.flink.task.ImageInput;
import ai.instill.flink.task.InstillTask;
import ai.instill.flink.task.ModelName;
import ai.instill.flink.task.TaskInput;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Images the checks refuse never reach the model: the operator's runtime against the local model
 * server on a real socket, whose counters see no trigger call for them.
 */
class RefusedImagesITCase {
    @RegisterExtension
    static final LocalModelServerExtension SERVER = new LocalModelServerExtension();

    private static final byte[] GOOD_PNG = TestImages.solid(Color.RED, 8, 8);

    @Test
    void anOversizedHeaderAndACutJpegAreRefusedWithoutACall() throws Exception {
        try (InferenceRuntime runtime = runtime(InstillTask.CLASSIFICATION)) {
            List<TaskInput> refused =
                    List.of(
                            new ImageInput(Image.ofBytes(pngDeclaring(100_000, 100_000))),
                            new ImageInput(Image.ofBytes(cutJpeg())));

            for (TaskInput input : refused) {
                RecordOutcome outcome = submit(runtime, DefaultModels.CLASSIFIER, input);
                assertThat(outcome.failure().code()).isEqualTo(ErrorCode.INVALID_INPUT);
                assertThat(outcome.attempts()).isZero();
            }
            assertThat(SERVER.server().stats(DefaultModels.CLASSIFIER).calls()).isZero();

            // the same runtime does call the model for a good image
            assertThat(
                            submit(
                                            runtime,
                                            DefaultModels.CLASSIFIER,
                                            new ImageInput(Image.ofBytes(GOOD_PNG)))
                                    .succeeded())
                    .isTrue();
            assertThat(SERVER.server().stats(DefaultModels.CLASSIFIER).calls()).isEqualTo(1);
        }
    }

    @Test
    void aChatWhoseImageUrlIsABadDataUriIsRefusedWithoutACall() throws Exception {
        try (InferenceRuntime runtime = runtime(InstillTask.CHAT)) {
            for (byte[] image : List.of(pngDeclaring(100_000, 100_000), cutJpeg())) {
                String uri = "data:image/*;base64," + Base64.getEncoder().encodeToString(image);
                ChatInput input =
                        ChatInput.builder()
                                .prompt("What is it?")
                                .chatHistory(
                                        List.of(
                                                new ChatMessage(
                                                        "user",
                                                        List.of(ContentPart.imageUrl(uri)))))
                                .build();

                RecordOutcome outcome = submit(runtime, DefaultModels.CHAT, input);

                assertThat(outcome.failure().code()).isEqualTo(ErrorCode.INVALID_INPUT);
                assertThat(outcome.failure().getMessage())
                        .contains("chat_history[0].content[0].image-url");
                assertThat(outcome.attempts()).isZero();
            }
            assertThat(SERVER.server().stats(DefaultModels.CHAT).calls()).isZero();
        }
    }

    private static InferenceRuntime runtime(InstillTask task) {
        Configuration config = new Configuration();
        config.set(InstillOptions.ENDPOINT, SERVER.endpoint());
        config.set(InstillOptions.TASK, task);
        return InferenceRuntime.open(
                InstillSettings.from(config, InstillSettings.Surface.DATASTREAM),
                EngineListener.NONE,
                "refused-images-test",
                0);
    }

    private static RecordOutcome submit(InferenceRuntime runtime, String model, TaskInput input)
            throws Exception {
        return runtime.engine().submit(ModelName.parse(model), input, Duration.ofSeconds(30)).get();
    }

    /** A real PNG whose IHDR (CRC included) is rewritten to declare {@code width × height}. */
    private static byte[] pngDeclaring(int width, int height) {
        byte[] png = GOOD_PNG.clone();
        putInt(png, 16, width);
        putInt(png, 20, height);
        CRC32 crc = new CRC32();
        crc.update(png, 12, 17);
        putInt(png, 29, (int) crc.getValue());
        return png;
    }

    /** A real JPEG cut before its end marker FFD9. */
    private static byte[] cutJpeg() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(TestImages.canvas(8, 8, Color.BLUE).image(), "jpeg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] jpeg = out.toByteArray();
        return Arrays.copyOf(jpeg, jpeg.length - 2);
    }

    private static void putInt(byte[] bytes, int offset, int value) {
        for (int i = 0; i < 4; i++) {
            bytes[offset + i] = (byte) (value >>> (24 - 8 * i));
        }
    }
}
