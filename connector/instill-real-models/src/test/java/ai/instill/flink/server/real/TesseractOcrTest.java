package ai.instill.flink.server.real;

import static org.assertj.core.api.Assertions.assertThat;

import ai.instill.flink.server.models.StructValues;
import ai.instill.flink.server.real.weights.WeightFile;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TesseractOcrTest {

    @RegisterExtension static final RealModelServer SERVER = new RealModelServer();

    private static final List<String> LINES =
            List.of(
                    "Apache Flink meets Instill",
                    "The quick brown fox 12345",
                    "jumps over the lazy dog.");

    private final List<Rectangle> drawn = new ArrayList<>();

    @BeforeEach
    void realModel() {
        SERVER.assumeReal(RealModels.OCR, WeightFile.TESSERACT_ENG);
    }

    @Test
    void readsRenderedLinesExactlyWithTheirBoxes() throws IOException {
        Struct output = SERVER.call(RealModels.OCR, Pictures.imageInput(render()));

        List<Value> objects =
                output.getFieldsOrThrow("data")
                        .getStructValue()
                        .getFieldsOrThrow("objects")
                        .getListValue()
                        .getValuesList();
        assertThat(objects).hasSize(LINES.size());
        for (int i = 0; i < LINES.size(); i++) {
            Struct line = objects.get(i).getStructValue();
            assertThat(line.getFieldsOrThrow("text").getStringValue()).isEqualTo(LINES.get(i));
            assertThat(Pictures.number(line, "score")).isBetween(0.5, 1.0);
            assertThat(Pictures.iou(Pictures.box(line), drawn.get(i))).isGreaterThan(0.6);
        }
        assertThat(
                        output.getFieldsOrThrow("metadata")
                                .getStructValue()
                                .getFieldsOrThrow("model")
                                .getStringValue())
                .startsWith("Tesseract 5.5");
    }

    @Test
    void answersOneObjectPerWordWhenAsked() throws IOException {
        Struct input =
                Pictures.imageInput(render()).toBuilder()
                        .putFields("parameter", StructValues.value(Map.of("level", "word")))
                        .build();

        List<String> words = new ArrayList<>();
        for (Value word :
                SERVER.call(RealModels.OCR, input)
                        .getFieldsOrThrow("data")
                        .getStructValue()
                        .getFieldsOrThrow("objects")
                        .getListValue()
                        .getValuesList()) {
            words.add(word.getStructValue().getFieldsOrThrow("text").getStringValue());
        }

        assertThat(String.join(" ", words)).isEqualTo(String.join(" ", LINES));
    }

    /** Draws the lines in black on white; remembers each line's ink box. */
    private byte[] render() throws IOException {
        BufferedImage image = new BufferedImage(900, 240, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setRenderingHint(
                RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 40));
        FontMetrics metrics = g.getFontMetrics();
        drawn.clear();
        for (int i = 0; i < LINES.size(); i++) {
            int baseline = 55 + 70 * i;
            g.drawString(LINES.get(i), 30, baseline);
            Rectangle ink =
                    g.getFont()
                            .createGlyphVector(g.getFontRenderContext(), LINES.get(i))
                            .getPixelBounds(null, 30, baseline);
            drawn.add(ink);
        }
        assertThat(metrics.getHeight()).isLessThan(70);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        return png.toByteArray();
    }
}
