package ai.instill.flink.server.real;

import ai.instill.flink.server.real.weights.WeightFile;
import ai.instill.flink.server.real.weights.Weights;
import ai.instill.flink.server.real.weights.WeightsUnavailable;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * Pictures with known content for the tests and the demo, made from the photos the build fetched
 * ({@code @vladmandic/face-api}'s demo photos, MIT, taken by its author): a person pasted at a
 * known place on a plain canvas, or a whole group photo scaled down.
 */
public final class SamplePhotos {

    /** Where the right-hand person stands in sample1.jpg (1920×1280), head to hips. */
    private static final Rectangle PERSON_IN_SAMPLE1 = new Rectangle(1180, 150, 660, 1130);

    private static final Color CANVAS = new Color(225, 228, 232);

    /** A picture and the rectangle of it that holds the subject (the whole picture for a group). */
    public record Picture(BufferedImage image, Rectangle subject) {

        /** The picture as PNG bytes. */
        public byte[] png() {
            try {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ImageIO.write(image, "png", out);
                return out.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private SamplePhotos() {}

    /**
     * One person (cut from sample1.jpg) pasted onto a plain grey canvas; {@code subject} is where
     * the pasted photo lies.
     */
    public static Picture personOnCanvas(
            int canvasWidth, int canvasHeight, int left, int top, int width)
            throws WeightsUnavailable {
        BufferedImage photo = read(WeightFile.PHOTO_GROUP);
        BufferedImage person =
                photo.getSubimage(
                        PERSON_IN_SAMPLE1.x,
                        PERSON_IN_SAMPLE1.y,
                        PERSON_IN_SAMPLE1.width,
                        PERSON_IN_SAMPLE1.height);
        int height = person.getHeight() * width / person.getWidth();
        BufferedImage canvas =
                new BufferedImage(canvasWidth, canvasHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        g.setColor(CANVAS);
        g.fillRect(0, 0, canvasWidth, canvasHeight);
        g.setRenderingHint(
                RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(person, left, top, width, height, null);
        g.dispose();
        return new Picture(canvas, new Rectangle(left, top, width, height));
    }

    /** A whole group photo, scaled to {@code width} pixels wide. */
    public static Picture group(WeightFile photo, int width) throws WeightsUnavailable {
        BufferedImage original = read(photo);
        int height = original.getHeight() * width / original.getWidth();
        BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scaled.createGraphics();
        g.setRenderingHint(
                RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(original, 0, 0, width, height, null);
        g.dispose();
        return new Picture(scaled, new Rectangle(0, 0, width, height));
    }

    private static BufferedImage read(WeightFile photo) throws WeightsUnavailable {
        try {
            BufferedImage image = ImageIO.read(Weights.path(photo).toFile());
            if (image == null) {
                throw new WeightsUnavailable(photo.fileName() + " does not decode");
            }
            return image;
        } catch (IOException e) {
            throw new WeightsUnavailable(photo.fileName() + " cannot be read: " + e);
        }
    }
}
