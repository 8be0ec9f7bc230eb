package ai.instill.flink.server.imaging;

import java.util.ArrayList;
import java.util.List;

/**
 * Encodes and decodes the Instill Model mask format: comma-separated COCO uncompressed run lengths,
 * column-major, always starting with a run of 0s (spec §7).
 */
public final class ColumnMajorRle {

    /** A binary mask addressed by region coordinates (x right, y down). */
    @FunctionalInterface
    public interface PixelMask {
        boolean isSet(int x, int y);
    }

    private ColumnMajorRle() {}

    /**
     * Walks column x=0 from top to bottom, then column 1, …, and writes the alternating 0/1 run
     * lengths.
     */
    public static String encode(int width, int height, PixelMask mask) {
        List<Integer> runs = new ArrayList<>();
        boolean current = false;
        int run = 0;
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                boolean set = mask.isSet(x, y);
                if (set != current) {
                    runs.add(run);
                    run = 0;
                    current = set;
                }
                run++;
            }
        }
        runs.add(run);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < runs.size(); i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(runs.get(i));
        }
        return text.toString();
    }

    /**
     * Decodes run lengths into a mask indexed {@code [y][x]}; overlong input is cut, missing pixels
     * stay unset.
     */
    public static boolean[][] decode(String rle, int width, int height) {
        boolean[][] mask = new boolean[height][width];
        long total = (long) width * height;
        if (rle == null || rle.isBlank() || total == 0) {
            return mask;
        }
        long position = 0;
        boolean value = false;
        for (String part : rle.split(",")) {
            long count = Long.parseLong(part.trim());
            if (value) {
                long end = Math.min(position + count, total);
                for (long k = position; k < end; k++) {
                    mask[(int) (k % height)][(int) (k / height)] = true;
                }
            }
            position += count;
            value = !value;
            if (position >= total) {
                break;
            }
        }
        return mask;
    }
}
