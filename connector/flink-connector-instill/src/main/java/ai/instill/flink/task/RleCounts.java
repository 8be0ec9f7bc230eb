package ai.instill.flink.task;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Parses and checks the comma-separated run lengths of an uncompressed COCO RLE string. */
final class RleCounts {

    private static final int MAX_DIGITS = 18;
    private static final int MAX_QUOTED = 20;

    /**
     * Where {@link #sum} stops counting: far above any mask, and low enough that adding one more
     * count (below 10^18) cannot overflow.
     */
    private static final long SATURATED = Long.MAX_VALUE / 2;

    /** The height and width of a mask in whole pixels. */
    record MaskSize(int height, int width) {}

    private RleCounts() {}

    /**
     * Receives the runs of an RLE string, in order: run {@code index} (0s at even, 1s at odd
     * indices) of {@code count}.
     */
    @FunctionalInterface
    interface RunConsumer {
        void run(int index, long count);
    }

    /**
     * Checks that the run lengths of {@code rle} are non-negative integers that sum to exactly
     * {@code height × width}; throws IllegalArgumentException saying what is wrong otherwise.
     */
    static void check(String rle, int height, int width) {
        forEachRun(rle, height, width, (index, count) -> {});
    }

    /**
     * Walks the runs of {@code rle} in one pass, handing each to {@code consumer} (so a decoder
     * needs no array of counts), and checks them as {@link #check} does; returns the number of
     * runs. A consumer may see runs of a string that turns out to be invalid: the exception comes
     * at the end of the walk.
     */
    static int forEachRun(String rle, int height, int width, RunConsumer consumer) {
        if (rle == null) {
            throw new IllegalArgumentException("RLE must not be null");
        }
        long pixels = (long) height * width;
        if (rle.isEmpty()) {
            if (pixels == 0) {
                return 0;
            }
            throw new IllegalArgumentException(
                    "RLE is empty but the mask has " + describe(height, width));
        }
        int size = 0;
        long total = 0;
        int start = 0;
        while (start <= rle.length()) {
            int end = rle.indexOf(',', start);
            if (end < 0) {
                end = rle.length();
            }
            long count = parseCount(rle, start, end, size + 1);
            total = total > pixels ? total : total + count;
            if (total <= pixels) {
                consumer.run(size, count);
            }
            size++;
            start = end + 1;
        }
        if (total != pixels) {
            String sum = total > pixels ? "more than " + pixels : Long.toString(total);
            throw new IllegalArgumentException(
                    "RLE counts sum to " + sum + " but the mask has " + describe(height, width));
        }
        return size;
    }

    /**
     * The whole-pixel size of the mask that {@code rle} covers inside a box of {@code height} ×
     * {@code width} pixels, which may be fractional. Models crop the mask for such a box with each
     * side rounded to the nearest, down or up; the sides are tried in the order round × round,
     * floor × floor, ceil × ceil, floor × ceil, ceil × floor, and the first whose area the counts
     * fill exactly wins (the mixed pair can tie when floor(height) = floor(width): then
     * floor(height) high × ceil(width) wide). A box of whole sides is checked as {@link #check}
     * does. Throws IllegalArgumentException when the counts are malformed or fill none of these
     * sizes.
     */
    static MaskSize sizeInBox(String rle, double height, double width) {
        checkSide(height, "height");
        checkSide(width, "width");
        if (height == Math.rint(height) && width == Math.rint(width)) {
            check(rle, (int) height, (int) width);
            return new MaskSize((int) height, (int) width);
        }
        int[] heights = {
            (int) Math.round(height), (int) Math.floor(height), (int) Math.ceil(height)
        };
        int[] widths = {(int) Math.round(width), (int) Math.floor(width), (int) Math.ceil(width)};
        List<MaskSize> candidates =
                List.of(
                        new MaskSize(heights[0], widths[0]),
                        new MaskSize(heights[1], widths[1]),
                        new MaskSize(heights[2], widths[2]),
                        new MaskSize(heights[1], widths[2]),
                        new MaskSize(heights[2], widths[1]));
        long total = sum(rle);
        for (MaskSize candidate : candidates) {
            if ((long) candidate.height() * candidate.width() == total) {
                return candidate;
            }
        }
        TreeSet<Long> areas = new TreeSet<>();
        for (MaskSize candidate : candidates) {
            areas.add((long) candidate.height() * candidate.width());
        }
        throw new IllegalArgumentException(
                "RLE counts sum to "
                        + (total >= SATURATED ? "more than " + areas.last() : total)
                        + " but the mask of a "
                        + number(height)
                        + " high × "
                        + number(width)
                        + " wide box, each side rounded down or up, has "
                        + alternatives(new ArrayList<>(areas))
                        + " pixels ("
                        + alternatives(List.of(heights[1], heights[2]))
                        + " high × "
                        + alternatives(List.of(widths[1], widths[2]))
                        + " wide)");
    }

    /**
     * The sum of the counts of {@code rle}, checked for syntax as {@link #check} does; a sum too
     * large for any mask is given as {@link #SATURATED}.
     */
    static long sum(String rle) {
        if (rle == null) {
            throw new IllegalArgumentException("RLE must not be null");
        }
        if (rle.isEmpty()) {
            return 0;
        }
        long total = 0;
        int position = 0;
        int start = 0;
        while (start <= rle.length()) {
            int end = rle.indexOf(',', start);
            if (end < 0) {
                end = rle.length();
            }
            total = Math.min(total + parseCount(rle, start, end, ++position), SATURATED);
            start = end + 1;
        }
        return total;
    }

    private static void checkSide(double size, String side) {
        if (!(size >= 0 && size <= Integer.MAX_VALUE)) {
            throw new IllegalArgumentException(
                    "a mask's box " + side + " must be a number from 0 to 2^31-1, got " + size);
        }
    }

    /** "a", "a or b", "a, b or c": the distinct values in order. */
    private static String alternatives(List<? extends Number> values) {
        List<String> distinct = new ArrayList<>();
        for (Number value : values) {
            if (!distinct.contains(value.toString())) {
                distinct.add(value.toString());
            }
        }
        int last = distinct.size() - 1;
        return last == 0
                ? distinct.get(0)
                : String.join(", ", distinct.subList(0, last)) + " or " + distinct.get(last);
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static long parseCount(String rle, int start, int end, int position) {
        int digits = end - start;
        boolean valid = digits > 0 && digits <= MAX_DIGITS;
        long count = 0;
        for (int i = start; valid && i < end; i++) {
            char c = rle.charAt(i);
            valid = c >= '0' && c <= '9';
            count = count * 10 + (c - '0');
        }
        if (!valid) {
            throw new IllegalArgumentException(
                    "RLE must be comma-separated non-negative integers, but count "
                            + position
                            + " is '"
                            + quote(rle.substring(start, end))
                            + "'");
        }
        return count;
    }

    private static String quote(String token) {
        return token.length() <= MAX_QUOTED ? token : token.substring(0, MAX_QUOTED) + "…";
    }

    static String describe(int height, int width) {
        return ((long) height * width) + " pixels (" + height + " high × " + width + " wide)";
    }
}
