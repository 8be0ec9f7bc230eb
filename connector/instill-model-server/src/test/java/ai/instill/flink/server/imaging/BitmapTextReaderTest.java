package ai.instill.flink.server.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BitmapTextReaderTest {

    private static final List<String> SAMPLES =
            List.of(
                    "HELLO WORLD",
                    "INSTILL 2024",
                    "A",
                    "-42.5",
                    "WHAT? NO!",
                    "TIME: 12:30, OK.",
                    "THE QUICK BROWN FOX",
                    "0123456789",
                    "JUMPS OVER  THE LAZY DOG");

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4})
    void readsBackWhatTextImagesRendersAtEveryScale(int scale) throws IOException {
        for (String text : SAMPLES) {
            List<BitmapTextReader.TextLine> lines =
                    BitmapTextReader.read(decode(TextImages.renderPng(text, scale)));

            assertThat(lines).as("lines of '%s' at scale %d", text, scale).hasSize(1);
            BitmapTextReader.TextLine line = lines.get(0);
            assertThat(line.text()).isEqualTo(text);
            assertThat(line.score()).isEqualTo(1.0);
        }
    }

    @Test
    void reportsTheInkBoundingBoxOfTheLine() throws IOException {
        BitmapTextReader.TextLine line =
                BitmapTextReader.read(decode(TextImages.renderPng("HI", 3))).get(0);

        assertThat(line.left()).isEqualTo(6);
        assertThat(line.top()).isEqualTo(6);
        assertThat(line.width()).isEqualTo(TextImages.textWidth("HI", 3));
        assertThat(line.height()).isEqualTo(21);
    }

    @Test
    void readsLowerCaseInputAsUpperCase() throws IOException {
        assertThat(
                        BitmapTextReader.read(decode(TextImages.renderPng("stand-in ocr", 2)))
                                .get(0)
                                .text())
                .isEqualTo("STAND-IN OCR");
    }

    @Test
    void readsEveryLineOfAMultiLineText() throws IOException {
        List<BitmapTextReader.TextLine> lines =
                BitmapTextReader.read(decode(TextImages.renderPng("FIRST\nSECOND", 2)));

        assertThat(lines)
                .extracting(BitmapTextReader.TextLine::text)
                .containsExactly("FIRST", "SECOND");
    }

    @Test
    void findsTheTextAmongColouredShapesAndIgnoresBlobs() {
        BufferedImage image = new BufferedImage(160, 90, BufferedImage.TYPE_INT_RGB);
        TextImages.fill(image, Color.WHITE);
        TextImages.fillRect(image, 5, 5, 30, 20, PaletteColor.RED.color());
        TextImages.fillRect(image, 120, 10, 25, 25, PaletteColor.BLUE.color());
        TextImages.fillRect(image, 60, 70, 12, 12, Color.BLACK);
        TextImages.drawText(image, "CAT 7", 40, 40, 2, Color.BLACK);

        List<BitmapTextReader.TextLine> lines = BitmapTextReader.read(RgbPixels.of(image));

        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).text()).isEqualTo("CAT 7");
        assertThat(lines.get(0).left()).isEqualTo(40);
        assertThat(lines.get(0).top()).isEqualTo(40);
    }

    @Test
    void findsNothingInAPictureWithoutText() {
        BufferedImage image = new BufferedImage(50, 50, BufferedImage.TYPE_INT_RGB);
        TextImages.fill(image, Color.WHITE);
        TextImages.fillRect(image, 10, 10, 10, 14, Color.BLACK);

        assertThat(BitmapTextReader.read(RgbPixels.of(image))).isEmpty();
    }

    private static RgbPixels decode(byte[] png) throws IOException {
        return RgbPixels.of(ImageIO.read(new ByteArrayInputStream(png)));
    }
}
