package ai.instill.flink.server.imaging;

/** Counts how many pixels of an image fall nearest to each palette colour. */
public final class PaletteHistogram {

    private final int[] counts = new int[PaletteColor.values().length];
    private final int total;

    private PaletteHistogram(RgbPixels pixels) {
        for (int i = 0; i < pixels.pixelCount(); i++) {
            counts[PaletteColor.nearest(pixels.rgbAt(i)).ordinal()]++;
        }
        this.total = pixels.pixelCount();
    }

    public static PaletteHistogram of(RgbPixels pixels) {
        return new PaletteHistogram(pixels);
    }

    /** The most frequent palette colour (ties go to the entry declared first). */
    public PaletteColor dominant() {
        PaletteColor best = PaletteColor.values()[0];
        for (PaletteColor color : PaletteColor.values()) {
            if (counts[color.ordinal()] > counts[best.ordinal()]) {
                best = color;
            }
        }
        return best;
    }

    public int count(PaletteColor color) {
        return counts[color.ordinal()];
    }

    /** The share of the image's pixels nearest to {@code color}, in 0..1. */
    public double fraction(PaletteColor color) {
        return total == 0 ? 0.0 : (double) counts[color.ordinal()] / total;
    }
}
