package ai.instill.flink.server.testutils;

import ai.instill.flink.server.imaging.PaletteColor;
import ai.instill.flink.server.imaging.TextImages;
import java.awt.image.BufferedImage;
import java.util.Base64;

/**
 * Draws small test pictures with palette-coloured rectangles at known positions and encodes them.
 */
public final class TestImages {

    private TestImages() {}

    public static BufferedImage canvas(int width, int height, PaletteColor background) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        TextImages.fill(image, background.color());
        return image;
    }

    public static BufferedImage rect(
            BufferedImage image, int left, int top, int width, int height, PaletteColor color) {
        TextImages.fillRect(image, left, top, width, height, color.color());
        return image;
    }

    public static byte[] png(BufferedImage image) {
        return TextImages.encodePng(image);
    }

    public static String base64Png(BufferedImage image) {
        return Base64.getEncoder().encodeToString(png(image));
    }

    public static String dataUriPng(BufferedImage image) {
        return "data:image/png;base64," + base64Png(image);
    }
}
