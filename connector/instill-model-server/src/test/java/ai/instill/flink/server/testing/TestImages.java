package ai.instill.flink.server.testing;

import ai.instill.flink.server.imaging.PaletteColor;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;

/**
 * Draws test pictures with filled rectangles at known places (for tests that check boxes, masks and
 * the stand-ins' colour categories) and encodes them as PNG, base64 or a data URI.
 */
public final class TestImages {
    private final BufferedImage image;

    private TestImages(int width, int height, Color background) {
        image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        fill(background, 0, 0, width, height);
    }

    public static TestImages canvas(int width, int height, Color background) {
        return new TestImages(width, height, background);
    }

    public static TestImages canvas(int width, int height, PaletteColor background) {
        return canvas(width, height, background.color());
    }

    /** A plain PNG of one colour. */
    public static byte[] solid(Color color, int width, int height) {
        return canvas(width, height, color).png();
    }

    /** Fills the rectangle whose top-left pixel is (left, top). */
    public TestImages rect(Color color, int left, int top, int width, int height) {
        fill(color, left, top, width, height);
        return this;
    }

    public TestImages rect(PaletteColor color, int left, int top, int width, int height) {
        return rect(color.color(), left, top, width, height);
    }

    public BufferedImage image() {
        return image;
    }

    public byte[] png() {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String base64() {
        return Base64.getEncoder().encodeToString(png());
    }

    public String dataUri() {
        return "data:image/png;base64," + base64();
    }

    private void fill(Color color, int left, int top, int width, int height) {
        Graphics2D graphics = image.createGraphics();
        try {
            graphics.setColor(color);
            graphics.fillRect(left, top, width, height);
        } finally {
            graphics.dispose();
        }
    }
}
