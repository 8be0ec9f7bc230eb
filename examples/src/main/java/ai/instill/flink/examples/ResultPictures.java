package ai.instill.flink.examples;

import ai.instill.flink.task.BinaryMask;
import com.fasterxml.jackson.databind.JsonNode;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draws enriched records' results over their input images — boxes with labels, keypoints, masks,
 * OCR text — and tiles them into one PNG contact sheet per task.
 */
final class ResultPictures {

    private static final int TILE_WIDTH = 480;
    private static final int TITLE_HEIGHT = 52;
    private static final Color SHADE = new Color(0, 0, 0, 150);
    private static final Color[] COLOURS = {
        new Color(255, 64, 64), new Color(40, 200, 255), new Color(255, 200, 0),
        new Color(120, 255, 80), new Color(255, 90, 255), new Color(255, 140, 40)
    };

    private ResultPictures() {}

    /**
     * Writes the sheet of these enriched records (JSON with the input {@code image} and {@code
     * instill.result}) to {@code file}, under a title and the model's backend.
     */
    static Path write(Path file, String title, String backend, List<JsonNode> records)
            throws IOException {
        List<BufferedImage> tiles = records.stream().map(ResultPictures::tile).toList();
        int height = tiles.stream().mapToInt(BufferedImage::getHeight).max().orElse(0);
        BufferedImage sheet =
                new BufferedImage(
                        Math.max(1, TILE_WIDTH * tiles.size()),
                        TITLE_HEIGHT + height,
                        BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(sheet);
        g.setColor(new Color(30, 30, 36));
        g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
        g.setColor(Color.WHITE);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, 10, 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(backend, 10, 42);
        for (int i = 0; i < tiles.size(); i++) {
            g.drawImage(tiles.get(i), i * TILE_WIDTH, TITLE_HEIGHT, null);
        }
        g.dispose();
        Files.createDirectories(file.getParent());
        ImageIO.write(sheet, "png", file.toFile());
        return file;
    }

    /** One input image, scaled to the tile width, with its result drawn over it. */
    private static BufferedImage tile(JsonNode record) {
        BufferedImage input = decode(record.path("image").asText());
        double scale = (double) TILE_WIDTH / input.getWidth();
        BufferedImage tile =
                new BufferedImage(
                        TILE_WIDTH,
                        (int) Math.round(input.getHeight() * scale),
                        BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(tile);
        g.drawImage(input, 0, 0, tile.getWidth(), tile.getHeight(), null);
        g.scale(scale, scale);
        JsonNode result = record.path("instill").path("result");
        int i = 0;
        for (JsonNode stuff : result.path("stuffs")) {
            // the background is shaded, every other stuff tinted
            boolean background = stuff.path("category").asText().equals("background");
            BinaryMask mask =
                    BinaryMask.fromRle(
                            stuff.path("rle").asText(), input.getHeight(), input.getWidth());
            tint(g, mask, 0, 0, background ? SHADE : COLOURS[i++ % COLOURS.length]);
        }
        i = 0;
        for (JsonNode object : result.path("objects")) {
            Color colour = COLOURS[i++ % COLOURS.length];
            JsonNode box = object.path("bounding-box");
            int left = box.path("left").asInt();
            int top = box.path("top").asInt();
            int width = box.path("width").asInt();
            int height = box.path("height").asInt();
            if (object.has("rle") && width > 0 && height > 0) {
                tint(
                        g,
                        BinaryMask.fromRle(object.path("rle").asText(), height, width),
                        left,
                        top,
                        colour);
            }
            g.setColor(colour);
            g.setStroke(new BasicStroke((float) (2.5 / scale)));
            g.drawRect(left, top, width, height);
            for (JsonNode point : object.path("keypoints")) {
                double r = 4 / scale;
                g.fill(
                        new Ellipse2D.Double(
                                point.path("x").asDouble() - r,
                                point.path("y").asDouble() - r,
                                2 * r,
                                2 * r));
            }
            String label =
                    object.has("text")
                            ? object.path("text").asText()
                            : object.path("category").asText(object.has("keypoints") ? "face" : "");
            label(
                    g,
                    label + String.format(" %.2f", object.path("score").asDouble()),
                    left,
                    top,
                    scale);
        }
        g.dispose();
        return tile;
    }

    private static void tint(Graphics2D g, BinaryMask mask, int left, int top, Color colour) {
        g.setColor(
                colour.getAlpha() < 255
                        ? colour
                        : new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 90));
        for (int y = 0; y < mask.height(); y++) {
            int run = -1;
            for (int x = 0; x <= mask.width(); x++) {
                boolean set = x < mask.width() && mask.get(x, y);
                if (set && run < 0) {
                    run = x;
                } else if (!set && run >= 0) {
                    g.fillRect(left + run, top + y, x - run, 1);
                    run = -1;
                }
            }
        }
    }

    /** A label on a dark band just above the box (inside it when the box touches the top). */
    private static void label(Graphics2D g, String text, int left, int top, double scale) {
        Font font = new Font(Font.SANS_SERIF, Font.BOLD, (int) Math.round(13 / scale));
        g.setFont(font);
        int width = g.getFontMetrics().stringWidth(text);
        int height = g.getFontMetrics().getHeight();
        int y = top - height >= 0 ? top - height : top;
        Color colour = g.getColor();
        g.setColor(new Color(0, 0, 0, 170));
        g.fillRect(left, y, width + 6, height);
        g.setColor(colour);
        g.drawString(text, left + 3, y + g.getFontMetrics().getAscent());
    }

    private static Graphics2D graphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(
                RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(
                RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        return g;
    }

    private static BufferedImage decode(String dataUri) {
        byte[] bytes = Base64.getMimeDecoder().decode(dataUri.substring(dataUri.indexOf(',') + 1));
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            if (image == null) {
                throw new IOException("not an image");
            }
            return image;
        } catch (IOException e) {
            throw new IllegalArgumentException("the record's image does not decode: " + e, e);
        }
    }
}
