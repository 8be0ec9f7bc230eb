package ai.instill.flink.server.imaging;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits an image into background (its most frequent colour) and 4-connected foreground blobs, the
 * shared first step of the detection, keypoint and instance segmentation stand-ins.
 */
public final class ForegroundBlobs {

    /** Blobs smaller than this are treated as noise and dropped. */
    public static final int MIN_PIXELS = 4;

    /** A pixel is foreground when its RGB distance to the background colour exceeds this. */
    public static final int DISTANCE_THRESHOLD = 64;

    private ForegroundBlobs() {}

    /** The most frequent exact colour of the image (ties go to the colour seen first). */
    public static int backgroundRgb(RgbPixels image) {
        Map<Integer, int[]> counts = new HashMap<>();
        int best = image.pixelCount() == 0 ? 0xFFFFFF : image.rgbAt(0);
        int bestCount = 0;
        for (int i = 0; i < image.pixelCount(); i++) {
            int rgb = image.rgbAt(i);
            int[] count = counts.computeIfAbsent(rgb, key -> new int[1]);
            count[0]++;
            if (count[0] > bestCount) {
                best = rgb;
                bestCount = count[0];
            }
        }
        return best;
    }

    /** Finds the foreground blobs of at least {@link #MIN_PIXELS} pixels, sorted by (top, left). */
    public static List<Blob> find(RgbPixels image) {
        int width = image.width();
        int height = image.height();
        int background = backgroundRgb(image);
        int threshold = DISTANCE_THRESHOLD * DISTANCE_THRESHOLD;
        boolean[] foreground = new boolean[image.pixelCount()];
        for (int i = 0; i < foreground.length; i++) {
            foreground[i] = RgbPixels.squaredDistance(image.rgbAt(i), background) > threshold;
        }
        boolean[] visited = new boolean[foreground.length];
        int[] stack = new int[Math.max(1, foreground.length)];
        int[] members = new int[Math.max(1, foreground.length)];
        List<Blob> blobs = new ArrayList<>();
        for (int start = 0; start < foreground.length; start++) {
            if (!foreground[start] || visited[start]) {
                continue;
            }
            int size = 0;
            int stackSize = 0;
            stack[stackSize++] = start;
            visited[start] = true;
            while (stackSize > 0) {
                int index = stack[--stackSize];
                members[size++] = index;
                int x = index % width;
                int y = index / width;
                if (x > 0) {
                    stackSize = push(index - 1, foreground, visited, stack, stackSize);
                }
                if (x < width - 1) {
                    stackSize = push(index + 1, foreground, visited, stack, stackSize);
                }
                if (y > 0) {
                    stackSize = push(index - width, foreground, visited, stack, stackSize);
                }
                if (y < height - 1) {
                    stackSize = push(index + width, foreground, visited, stack, stackSize);
                }
            }
            if (size >= MIN_PIXELS) {
                blobs.add(Blob.fromPixels(image, members, size));
            }
        }
        blobs.sort(Comparator.comparingInt(Blob::top).thenComparingInt(Blob::left));
        return blobs;
    }

    private static int push(
            int index, boolean[] foreground, boolean[] visited, int[] stack, int stackSize) {
        if (foreground[index] && !visited[index]) {
            visited[index] = true;
            stack[stackSize++] = index;
        }
        return stackSize;
    }
}
