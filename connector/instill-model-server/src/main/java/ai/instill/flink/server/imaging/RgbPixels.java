package ai.instill.flink.server.imaging;

import java.awt.image.BufferedImage;

/** An immutable grid of opaque 0xRRGGBB pixels, with transparency flattened onto white. */
public final class RgbPixels {

    private final int width;
    private final int height;
    private final int[] rgb;

    private RgbPixels(int width, int height, int[] rgb) {
        this.width = width;
        this.height = height;
        this.rgb = rgb;
    }

    /** Copies the pixels of an image; translucent pixels are blended onto a white background. */
    public static RgbPixels of(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        int[] argb = image.getRGB(0, 0, width, height, null, 0, width);
        boolean hasAlpha = image.getColorModel().hasAlpha();
        for (int i = 0; i < argb.length; i++) {
            argb[i] = hasAlpha ? onWhite(argb[i]) : argb[i] & 0xFFFFFF;
        }
        return new RgbPixels(width, height, argb);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The 0xRRGGBB colour at (x, y). */
    public int rgb(int x, int y) {
        return rgb[y * width + x];
    }

    /** The 0xRRGGBB colour of pixel number {@code index} in row-major order. */
    public int rgbAt(int index) {
        return rgb[index];
    }

    public int pixelCount() {
        return rgb.length;
    }

    public static int red(int rgb) {
        return (rgb >> 16) & 0xFF;
    }

    public static int green(int rgb) {
        return (rgb >> 8) & 0xFF;
    }

    public static int blue(int rgb) {
        return rgb & 0xFF;
    }

    /** Squared Euclidean distance of two colours in RGB space. */
    public static int squaredDistance(int rgbA, int rgbB) {
        int dr = red(rgbA) - red(rgbB);
        int dg = green(rgbA) - green(rgbB);
        int db = blue(rgbA) - blue(rgbB);
        return dr * dr + dg * dg + db * db;
    }

    private static int onWhite(int argb) {
        int alpha = (argb >>> 24) & 0xFF;
        if (alpha == 0xFF) {
            return argb & 0xFFFFFF;
        }
        int r = blend((argb >> 16) & 0xFF, alpha);
        int g = blend((argb >> 8) & 0xFF, alpha);
        int b = blend(argb & 0xFF, alpha);
        return (r << 16) | (g << 8) | b;
    }

    private static int blend(int channel, int alpha) {
        return (channel * alpha + 255 * (255 - alpha) + 127) / 255;
    }
}
