package ai.instill.flink.testutils;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * Builds small PNG images with filled rectangles at known places, for tests that check boxes and
 * masks.
 */
public final class TestImages {
    private final BufferedImage image;
    private final Graphics2D graphics;

    private TestImages(int width, int height, Color background) {
        image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        graphics = image.createGraphics();
        graphics.setColor(background);
        graphics.fillRect(0, 0, width, height);
    }

    public static TestImages canvas(int width, int height, Color background) {
        return new TestImages(width, height, background);
    }

    /** Fills the rectangle whose top-left pixel is (left, top). */
    public TestImages rect(Color color, int left, int top, int width, int height) {
        graphics.setColor(color);
        graphics.fillRect(left, top, width, height);
        return this;
    }

    public byte[] png() {
        graphics.dispose();
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A plain image of one colour. */
    public static byte[] solid(Color color, int width, int height) {
        return canvas(width, height, color).png();
    }
}
