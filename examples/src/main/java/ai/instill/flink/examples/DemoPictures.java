package ai.instill.flink.examples;

import ai.instill.flink.server.real.SamplePhotos;
import ai.instill.flink.server.real.weights.WeightFile;
import ai.instill.flink.server.real.weights.WeightsUnavailable;
import ai.instill.flink.task.InstillTask;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The demo's input pictures for real models: rendered lines of text for OCR, and for the other
 * vision tasks a person pasted on a plain canvas and two group photos (fetched at build time from
 * {@code @vladmandic/face-api}, MIT; never committed). They repeat every {@value #DISTINCT}
 * records.
 */
final class DemoPictures {

    static final int DISTINCT = 3;

    private static final List<String[]> TEXTS =
            List.of(
                    new String[] {"Apache Flink meets Instill", "Record after record"},
                    new String[] {"The quick brown fox 12345", "jumps over the lazy dog."},
                    new String[] {"Streams of pictures in,", "typed results out."});

    private static List<String> photos;

    private DemoPictures() {}

    /** Whether the photos are there (the build fetched them). */
    static boolean photosAvailable() {
        try {
            photoUris();
            return true;
        } catch (WeightsUnavailable e) {
            return false;
        }
    }

    /** The picture of record {@code seed} for a vision task, as a data URI. */
    static String dataUri(InstillTask task, long seed) throws WeightsUnavailable {
        int which = (int) (seed % DISTINCT);
        if (task == InstillTask.OCR) {
            return "data:image/png;base64," + base64(text(TEXTS.get(which)), "png");
        }
        return photoUris().get(which);
    }

    private static synchronized List<String> photoUris() throws WeightsUnavailable {
        if (photos == null) {
            List<String> uris = new ArrayList<>();
            for (SamplePhotos.Picture picture :
                    List.of(
                            SamplePhotos.personOnCanvas(640, 480, 200, 30, 260),
                            SamplePhotos.group(WeightFile.PHOTO_GROUP, 640),
                            SamplePhotos.group(WeightFile.PHOTO_TRIO, 640))) {
                uris.add("data:image/jpeg;base64," + base64(picture.image(), "jpeg"));
            }
            photos = uris;
        }
        return photos;
    }

    private static BufferedImage text(String[] lines) {
        BufferedImage image = new BufferedImage(640, 150, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setRenderingHint(
                RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new Color(20, 20, 60));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 36));
        for (int i = 0; i < lines.length; i++) {
            g.drawString(lines[i], 24, 58 + 60 * i);
        }
        g.dispose();
        return image;
    }

    private static String base64(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, format, out);
            return Base64.getEncoder().encodeToString(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
