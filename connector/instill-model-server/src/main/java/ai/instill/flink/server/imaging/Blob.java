package ai.instill.flink.server.imaging;

import java.util.BitSet;

/**
 * One connected group of foreground pixels: its box (inclusive corners), mask, mean colour and
 * extreme points.
 */
public final class Blob {

    private final int left;
    private final int top;
    private final int right;
    private final int bottom;
    private final BitSet mask;
    private final int pixelCount;
    private final int meanRgb;
    private final double centroidX;
    private final double centroidY;
    private final int[] topmost;
    private final int[] rightmost;
    private final int[] bottommost;
    private final int[] leftmost;

    /** Builds a blob from the row-major indices of its pixels in an image of the given width. */
    static Blob fromPixels(RgbPixels image, int[] indices, int count) {
        int width = image.width();
        int left = Integer.MAX_VALUE;
        int top = Integer.MAX_VALUE;
        int right = Integer.MIN_VALUE;
        int bottom = Integer.MIN_VALUE;
        long sumX = 0;
        long sumY = 0;
        long sumR = 0;
        long sumG = 0;
        long sumB = 0;
        int[] topmost = null;
        int[] rightmost = null;
        int[] bottommost = null;
        int[] leftmost = null;
        for (int i = 0; i < count; i++) {
            int x = indices[i] % width;
            int y = indices[i] / width;
            left = Math.min(left, x);
            top = Math.min(top, y);
            right = Math.max(right, x);
            bottom = Math.max(bottom, y);
            sumX += x;
            sumY += y;
            int rgb = image.rgbAt(indices[i]);
            sumR += RgbPixels.red(rgb);
            sumG += RgbPixels.green(rgb);
            sumB += RgbPixels.blue(rgb);
            if (topmost == null || y < topmost[1] || (y == topmost[1] && x < topmost[0])) {
                topmost = new int[] {x, y};
            }
            if (rightmost == null || x > rightmost[0] || (x == rightmost[0] && y < rightmost[1])) {
                rightmost = new int[] {x, y};
            }
            if (bottommost == null
                    || y > bottommost[1]
                    || (y == bottommost[1] && x < bottommost[0])) {
                bottommost = new int[] {x, y};
            }
            if (leftmost == null || x < leftmost[0] || (x == leftmost[0] && y < leftmost[1])) {
                leftmost = new int[] {x, y};
            }
        }
        int boxWidth = right - left + 1;
        BitSet mask = new BitSet(boxWidth * (bottom - top + 1));
        for (int i = 0; i < count; i++) {
            int x = indices[i] % width;
            int y = indices[i] / width;
            mask.set((y - top) * boxWidth + (x - left));
        }
        int meanRgb =
                (int) Math.round((double) sumR / count) << 16
                        | (int) Math.round((double) sumG / count) << 8
                        | (int) Math.round((double) sumB / count);
        return new Blob(
                left,
                top,
                right,
                bottom,
                mask,
                count,
                meanRgb,
                (double) sumX / count,
                (double) sumY / count,
                topmost,
                rightmost,
                bottommost,
                leftmost);
    }

    private Blob(
            int left,
            int top,
            int right,
            int bottom,
            BitSet mask,
            int pixelCount,
            int meanRgb,
            double centroidX,
            double centroidY,
            int[] topmost,
            int[] rightmost,
            int[] bottommost,
            int[] leftmost) {
        this.left = left;
        this.top = top;
        this.right = right;
        this.bottom = bottom;
        this.mask = mask;
        this.pixelCount = pixelCount;
        this.meanRgb = meanRgb;
        this.centroidX = centroidX;
        this.centroidY = centroidY;
        this.topmost = topmost;
        this.rightmost = rightmost;
        this.bottommost = bottommost;
        this.leftmost = leftmost;
    }

    public int left() {
        return left;
    }

    public int top() {
        return top;
    }

    /** Inclusive right column. */
    public int right() {
        return right;
    }

    /** Inclusive bottom row. */
    public int bottom() {
        return bottom;
    }

    /** Box width with inclusive corners: right − left + 1. */
    public int width() {
        return right - left + 1;
    }

    /** Box height with inclusive corners: bottom − top + 1. */
    public int height() {
        return bottom - top + 1;
    }

    public int pixelCount() {
        return pixelCount;
    }

    /** Share of the bounding box covered by the blob, in 0..1. */
    public double fill() {
        return (double) pixelCount / ((long) width() * height());
    }

    public int meanRgb() {
        return meanRgb;
    }

    /** True when image pixel (x, y) belongs to the blob. */
    public boolean contains(int x, int y) {
        if (x < left || x > right || y < top || y > bottom) {
            return false;
        }
        return mask.get((y - top) * width() + (x - left));
    }

    public double centroidX() {
        return centroidX;
    }

    public double centroidY() {
        return centroidY;
    }

    /** The first pixel of the top row, as {x, y}. */
    public int[] topmost() {
        return topmost.clone();
    }

    /** The highest pixel of the rightmost column, as {x, y}. */
    public int[] rightmost() {
        return rightmost.clone();
    }

    /** The first pixel of the bottom row, as {x, y}. */
    public int[] bottommost() {
        return bottommost.clone();
    }

    /** The highest pixel of the leftmost column, as {x, y}. */
    public int[] leftmost() {
        return leftmost.clone();
    }
}
