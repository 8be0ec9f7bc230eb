package ai.instill.flink.server.imaging;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Draws text with the {@link BitmapFont} (so the OCR stand-in can read it back) and encodes images
 * as PNG or JPEG; tests and demos use it to build OCR-able pictures. Lower-case letters are drawn
 * upper-case, unknown characters as {@code ?}, and {@code \n} starts a new line.
 */
public final class TextImages {

    private TextImages() {}

    /**
     * Renders the text in black on white at an integer scale (1 = 5×7 pixels per glyph) with a
     * margin of 2×scale.
     */
    public static byte[] renderPng(String text, int scale) {
        return renderPng(text, scale, Color.BLACK, Color.WHITE);
    }

    /**
     * Renders the text with the given ink and background colours (keep the ink dark and the
     * background light).
     */
    public static byte[] renderPng(String text, int scale, Color ink, Color background) {
        return encodePng(render(text, scale, ink, background));
    }

    /**
     * Renders the text into a new image just large enough for it plus a margin of 2×scale on every
     * side.
     */
    public static BufferedImage render(String text, int scale, Color ink, Color background) {
        requirePositive(scale);
        int margin = 2 * scale;
        int width = Math.max(1, textWidth(text, scale)) + 2 * margin;
        int height = Math.max(1, textHeight(text, scale)) + 2 * margin;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        fill(image, background);
        drawText(image, text, margin, margin, scale, ink);
        return image;
    }

    /**
     * Draws the text with its top-left corner at (x, y); pixels falling outside the image are
     * skipped.
     */
    public static void drawText(
            BufferedImage image, String text, int x, int y, int scale, Color ink) {
        requirePositive(scale);
        int rgb = ink.getRGB();
        String[] lines = BitmapFont.normalize(text).split("\n", -1);
        for (int line = 0; line < lines.length; line++) {
            int top = y + line * BitmapFont.LINE_PITCH * scale;
            for (int i = 0; i < lines[line].length(); i++) {
                drawGlyph(
                        image,
                        lines[line].charAt(i),
                        x + i * BitmapFont.ADVANCE * scale,
                        top,
                        scale,
                        rgb);
            }
        }
    }

    /** Width in pixels of the widest line when drawn at this scale (no margin). */
    public static int textWidth(String text, int scale) {
        int longest = 0;
        for (String line : text.split("\n", -1)) {
            longest = Math.max(longest, line.length());
        }
        return longest == 0 ? 0 : (longest * BitmapFont.ADVANCE - 1) * scale;
    }

    /** Height in pixels of all lines when drawn at this scale (no margin). */
    public static int textHeight(String text, int scale) {
        int lines = text.split("\n", -1).length;
        return ((lines - 1) * BitmapFont.LINE_PITCH + BitmapFont.GLYPH_HEIGHT) * scale;
    }

    /** Fills the whole image with one colour. */
    public static void fill(BufferedImage image, Color color) {
        fillRect(image, 0, 0, image.getWidth(), image.getHeight(), color);
    }

    /** Fills a rectangle (clipped to the image) with one colour, without anti-aliasing. */
    public static void fillRect(
            BufferedImage image, int left, int top, int width, int height, Color color) {
        int rgb = color.getRGB();
        for (int y = Math.max(0, top); y < Math.min(image.getHeight(), top + height); y++) {
            for (int x = Math.max(0, left); x < Math.min(image.getWidth(), left + width); x++) {
                image.setRGB(x, y, rgb);
            }
        }
    }

    /** Encodes an image as PNG. */
    public static byte[] encodePng(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer available");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Encodes an image (without alpha) as JPEG with a quality between 0 and 1. */
    public static byte[] encodeJpeg(BufferedImage image, float quality) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        if (!writers.hasNext()) {
            throw new IllegalStateException("no JPEG writer available");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static void drawGlyph(
            BufferedImage image, char c, int left, int top, int scale, int rgb) {
        for (int row = 0; row < BitmapFont.GLYPH_HEIGHT; row++) {
            for (int column = 0; column < BitmapFont.GLYPH_WIDTH; column++) {
                if (!BitmapFont.isInked(c, column, row)) {
                    continue;
                }
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        int x = left + column * scale + dx;
                        int y = top + row * scale + dy;
                        if (x >= 0 && y >= 0 && x < image.getWidth() && y < image.getHeight()) {
                            image.setRGB(x, y, rgb);
                        }
                    }
                }
            }
        }
    }

    private static void requirePositive(int scale) {
        if (scale < 1) {
            throw new IllegalArgumentException("scale must be at least 1, got " + scale);
        }
    }
}
