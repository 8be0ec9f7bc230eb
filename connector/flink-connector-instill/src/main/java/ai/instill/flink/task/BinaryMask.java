package ai.instill.flink.task;

import java.io.Serializable;
import java.util.BitSet;
import org.apache.flink.annotation.PublicEvolving;

/**
 * An immutable height × width bit mask, decoded from or encoded to the column-major COCO
 * uncompressed RLE counts that Instill segmentation models emit.
 */
@PublicEvolving
public final class BinaryMask implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final int MAX_RENDERED_PIXELS = 4096;

    private final int height;
    private final int width;

    /** Pixel (x, y) is bit {@code x * height + y} (column-major). */
    private final BitSet bits;

    private BinaryMask(int height, int width, BitSet bits) {
        this.height = height;
        this.width = width;
        this.bits = bits;
    }

    /**
     * Decodes COCO uncompressed RLE counts ("2,3,1,2,4"): alternating runs of 0s and 1s, starting
     * with 0s, walking column by column. The counts must sum to exactly {@code height × width};
     * otherwise IllegalArgumentException.
     */
    public static BinaryMask fromRle(String rle, int height, int width) {
        checkSize(height, width);
        BitSet bits = new BitSet(height * width);
        long[] position = {0};
        // one pass, no array of counts: runs are checked and set as they are read (the sum never
        // exceeds the mask)
        RleCounts.forEachRun(
                rle,
                height,
                width,
                (index, count) -> {
                    int from = (int) position[0];
                    position[0] += count;
                    if (index % 2 == 1) {
                        bits.set(from, (int) position[0]);
                    }
                });
        return new BinaryMask(height, width, bits);
    }

    /**
     * Decodes the RLE of an instance mask inside a bounding box of {@code height} × {@code width}
     * pixels, which may be fractional: the mask is the box in whole pixels, each side rounded to
     * the nearest, down or up, whichever size the counts fill (see {@link RleCounts#sizeInBox});
     * otherwise IllegalArgumentException.
     */
    static BinaryMask fromRleInBox(String rle, double height, double width) {
        RleCounts.MaskSize size = RleCounts.sizeInBox(rle, height, width);
        return fromRle(rle, size.height(), size.width());
    }

    /**
     * A mask from rows of '0' and '1' characters, top row first; all rows must have the same
     * length.
     */
    public static BinaryMask fromRows(String... rows) {
        int height = rows.length;
        int width = height == 0 ? 0 : rows[0].length();
        checkSize(height, width);
        BitSet bits = new BitSet(height * width);
        for (int y = 0; y < height; y++) {
            if (rows[y].length() != width) {
                throw new IllegalArgumentException(
                        "row " + y + " has " + rows[y].length() + " pixels, expected " + width);
            }
            for (int x = 0; x < width; x++) {
                char c = rows[y].charAt(x);
                if (c != '0' && c != '1') {
                    throw new IllegalArgumentException(
                            "row " + y + " has '" + c + "' at " + x + "; expected 0 or 1");
                }
                bits.set(x * height + y, c == '1');
            }
        }
        return new BinaryMask(height, width, bits);
    }

    private static void checkSize(int height, int width) {
        if (height < 0 || width < 0) {
            throw new IllegalArgumentException(
                    "mask size must not be negative, got " + height + " high × " + width + " wide");
        }
        if ((long) height * width > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "mask of " + RleCounts.describe(height, width) + " is too large");
        }
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** Whether pixel (x, y) is set; x counts columns from the left, y rows from the top. */
    public boolean get(int x, int y) {
        if (x < 0 || x >= width || y < 0 || y >= height) {
            throw new IndexOutOfBoundsException(
                    "pixel ("
                            + x
                            + ", "
                            + y
                            + ") is outside the "
                            + width
                            + " wide × "
                            + height
                            + " high mask");
        }
        return bits.get(x * height + y);
    }

    /** The number of set pixels. */
    public int count() {
        return bits.cardinality();
    }

    /** The mask as COCO uncompressed RLE counts, column-major, starting with a run of 0s. */
    public String toRle() {
        int pixels = height * width;
        StringBuilder rle = new StringBuilder();
        int position = 0;
        boolean ones = false;
        do {
            int next = ones ? bits.nextClearBit(position) : bits.nextSetBit(position);
            if (next < 0 || next > pixels) {
                next = pixels;
            }
            if (rle.length() > 0) {
                rle.append(',');
            }
            rle.append(next - position);
            position = next;
            ones = !ones;
        } while (position < pixels);
        return rle.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BinaryMask other
                && height == other.height
                && width == other.width
                && bits.equals(other.bits);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * height + width) + bits.hashCode();
    }

    /**
     * Rows of 0 and 1 separated by newlines for masks up to 4096 pixels; a summary for larger ones.
     */
    @Override
    public String toString() {
        if ((long) height * width > MAX_RENDERED_PIXELS) {
            return "BinaryMask[" + height + " high × " + width + " wide, " + count() + " set]";
        }
        StringBuilder text = new StringBuilder();
        for (int y = 0; y < height; y++) {
            if (y > 0) {
                text.append('\n');
            }
            for (int x = 0; x < width; x++) {
                text.append(bits.get(x * height + y) ? '1' : '0');
            }
        }
        return text.toString();
    }
}
