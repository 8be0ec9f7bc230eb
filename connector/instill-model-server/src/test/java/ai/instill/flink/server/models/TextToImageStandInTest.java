package ai.instill.flink.server.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.instill.flink.server.imaging.BitmapTextReader;
import ai.instill.flink.server.imaging.RgbPixels;
import ai.instill.flink.server.testutils.TaskInputs;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextToImageStandInTest {

    @Test
    void drawsNJpegDataUrisThatDifferAndCarryThePromptText() throws Exception {
        Struct output =
                new TextToImageStandIn()
                        .infer(
                                TaskInputs.prompt(
                                        "a watercolor fox",
                                        "n",
                                        2,
                                        "seed",
                                        7,
                                        "aspect-ratio",
                                        "16:9"));

        List<Value> choices = choices(output);
        assertThat(choices).hasSize(2);
        for (Value choice : choices) {
            assertThat(choice.getStructValue().getFieldsMap())
                    .containsOnlyKeys("finish-reason", "image");
            assertThat(choice.getStructValue().getFieldsOrThrow("finish-reason").getStringValue())
                    .isEqualTo("success");
            String image = choice.getStructValue().getFieldsOrThrow("image").getStringValue();
            assertThat(image).startsWith("data:image/jpeg;base64,");
            BufferedImage decoded = decode(image);
            assertThat(decoded.getWidth()).isEqualTo(114);
            assertThat(decoded.getHeight()).isEqualTo(64);
            assertThat(BitmapTextReader.read(RgbPixels.of(decoded)))
                    .extracting(BitmapTextReader.TextLine::text)
                    .containsExactly("A WATERCO");
        }
        assertThat(imageOf(choices.get(0))).isNotEqualTo(imageOf(choices.get(1)));
    }

    @Test
    void isDeterministicForTheSamePromptAndSeed() throws ModelFailure {
        Struct input = TaskInputs.prompt("red barn", "seed", 3);

        assertThat(imageOf(choices(new TextToImageStandIn().infer(input)).get(0)))
                .isEqualTo(imageOf(choices(new TextToImageStandIn().infer(input)).get(0)));
        assertThat(
                        imageOf(
                                choices(
                                                new TextToImageStandIn()
                                                        .infer(
                                                                TaskInputs.prompt(
                                                                        "red barn", "seed", 4)))
                                        .get(0)))
                .isNotEqualTo(imageOf(choices(new TextToImageStandIn().infer(input)).get(0)));
    }

    @ParameterizedTest
    @CsvSource({
        "1:1,64,64",
        "16:9,114,64",
        "9:16,64,114",
        "21:9,149,64",
        "2:3,64,96",
        "3:2,96,64",
        "4:5,64,80",
        "5:4,80,64",
        "9:21,64,149"
    })
    void sizesFollowTheAspectRatioWithA64PixelShortSide(String ratio, int width, int height)
            throws ModelFailure {
        assertThat(TextToImageStandIn.sizeFor(ratio)).containsExactly(width, height);
    }

    @Test
    void defaultsToOneSquareImage() throws Exception {
        List<Value> choices = choices(new TextToImageStandIn().infer(TaskInputs.prompt("hi")));

        assertThat(choices).hasSize(1);
        assertThat(decode(imageOf(choices.get(0))).getWidth()).isEqualTo(64);
    }

    @Test
    void refusesTooManySamples() {
        assertThatThrownBy(() -> new TextToImageStandIn().infer(TaskInputs.prompt("hi", "n", 100)))
                .isInstanceOf(ModelFailure.class);
    }

    private static List<Value> choices(Struct output) {
        return VisionStandInsTest.data(output)
                .getFieldsOrThrow("choices")
                .getListValue()
                .getValuesList();
    }

    private static String imageOf(Value choice) {
        return choice.getStructValue().getFieldsOrThrow("image").getStringValue();
    }

    private static BufferedImage decode(String dataUri) throws IOException {
        byte[] bytes = Base64.getDecoder().decode(dataUri.substring(dataUri.indexOf(',') + 1));
        return ImageIO.read(new ByteArrayInputStream(bytes));
    }
}
