package ai.instill.flink.server.imaging;

import java.awt.Color;
import java.util.Locale;

/**
 * The small named palette the vision stand-ins use as their "categories": every pixel maps to its
 * nearest entry.
 */
public enum PaletteColor {
    BLACK(0, 0, 0),
    WHITE(255, 255, 255),
    GRAY(128, 128, 128),
    RED(255, 0, 0),
    GREEN(0, 255, 0),
    BLUE(0, 0, 255),
    YELLOW(255, 255, 0),
    CYAN(0, 255, 255),
    MAGENTA(255, 0, 255),
    ORANGE(255, 165, 0),
    PURPLE(128, 0, 128);

    private static final PaletteColor[] ALL = values();

    private final int rgb;

    PaletteColor(int red, int green, int blue) {
        this.rgb = (red << 16) | (green << 8) | blue;
    }

    /** The category name reported by the stand-in models, e.g. {@code "red"}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The exact palette colour as 0xRRGGBB. */
    public int rgb() {
        return rgb;
    }

    /** The exact palette colour, handy for drawing test images. */
    public Color color() {
        return new Color(rgb);
    }

    /** The palette entry closest to a colour (ties go to the entry declared first). */
    public static PaletteColor nearest(int rgb) {
        PaletteColor best = ALL[0];
        int bestDistance = Integer.MAX_VALUE;
        for (PaletteColor candidate : ALL) {
            int distance = RgbPixels.squaredDistance(rgb, candidate.rgb);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }
}
