package ai.instill.flink.task;

/** Parses and checks the comma-separated run lengths of an uncompressed COCO RLE string. */
final class RleCounts {

    private static final int MAX_DIGITS = 18;
    private static final int MAX_QUOTED = 20;

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
