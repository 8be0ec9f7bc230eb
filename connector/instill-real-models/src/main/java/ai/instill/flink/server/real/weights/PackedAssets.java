package ai.instill.flink.server.real.weights;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts one file out of a MediaPipe {@code *_packed_assets.data} file, at the byte range that its
 * {@code *_packed_assets_loader.js} lists ({@code {"filename": …, "start": …, "end": …}}).
 */
final class PackedAssets {

    private static final Pattern FILE =
            Pattern.compile("\\{\"filename\": \"([^\"]+)\", \"start\": (\\d+), \"end\": (\\d+)");

    private PackedAssets() {}

    /** The asset's bytes; fails when the loader does not list it or its range is out of bounds. */
    static byte[] cut(byte[] data, String loaderScript, String asset) {
        Matcher matcher = FILE.matcher(loaderScript);
        while (matcher.find()) {
            if (matcher.group(1).equals(asset)) {
                int start = Integer.parseInt(matcher.group(2));
                int end = Integer.parseInt(matcher.group(3));
                if (start < 0 || end > data.length || start > end) {
                    throw new IllegalArgumentException(
                            asset
                                    + " is listed at "
                                    + start
                                    + ".."
                                    + end
                                    + ", beyond the "
                                    + data.length
                                    + " packed bytes");
                }
                return Arrays.copyOfRange(data, start, end);
            }
        }
        throw new IllegalArgumentException("the packed-assets loader does not list " + asset);
    }

    /** The loader script's entry beside a packed-assets entry. */
    static String loaderEntry(String dataEntry) {
        return dataEntry.replaceFirst("\\.data$", "_loader.js");
    }
}
