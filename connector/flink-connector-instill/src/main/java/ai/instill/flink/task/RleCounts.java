package ai.instill.flink.task;

import java.util.Arrays;

/** Parses and checks the comma-separated run lengths of an uncompressed COCO RLE string. */
final class RleCounts {

    private static final int MAX_DIGITS = 18;
    private static final int MAX_QUOTED = 20;

    private RleCounts() {}

    /**
     * The run lengths of {@code rle}, checked to be non-negative integers that sum to exactly {@code height × width};
     * throws IllegalArgumentException saying what is wrong otherwise.
     */
    static long[] parse(String rle, int height, int width) {
        if (rle == null) {
            throw new IllegalArgumentException("RLE must not be null");
        }
        long pixels = (long) height * width;
        if (rle.isEmpty()) {
            if (pixels == 0) {
                return new long[0];
            }
            throw new IllegalArgumentException("RLE is empty but the mask has " + describe(height, width));
        }
        long[] counts = new long[16];
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
            if (size == counts.length) {
                counts = Arrays.copyOf(counts, size * 2);
            }
            counts[size++] = count;
            start = end + 1;
        }
        if (total != pixels) {
            String sum = total > pixels ? "more than " + pixels : Long.toString(total);
            throw new IllegalArgumentException(
                    "RLE counts sum to " + sum + " but the mask has " + describe(height, width));
        }
        return Arrays.copyOf(counts, size);
    }

    private static long parseCount(String rle, int start, int end, int position) {
        int digits = end - start;
        boolean valid = digits > 0 && digits <= MAX_DIGITS;
        for (int i = start; valid && i < end; i++) {
            char c = rle.charAt(i);
            valid = c >= '0' && c <= '9';
        }
        if (!valid) {
            throw new IllegalArgumentException("RLE must be comma-separated non-negative integers, but count "
                    + position + " is '" + quote(rle.substring(start, end)) + "'");
        }
        return Long.parseLong(rle, start, end, 10);
    }

    private static String quote(String token) {
        return token.length() <= MAX_QUOTED ? token : token.substring(0, MAX_QUOTED) + "…";
    }

    static String describe(int height, int width) {
        return ((long) height * width) + " pixels (" + height + " high × " + width + " wide)";
    }
}
