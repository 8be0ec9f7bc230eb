package ai.instill.flink.task;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/** Reads an image's width and height from its header without decoding its pixels. */
final class ImageHeaders {

    private ImageHeaders() {}

    /**
     * The dimensions stated in the header; throws IllegalArgumentException when the header cannot
     * be read.
     */
    static ImageDimensions dimensions(byte[] bytes, ImageFormat format) {
        if (format == null) {
            throw new IllegalArgumentException(
                    "not an image (" + ImageFormat.EXPECTED + " expected)");
        }
        return format == ImageFormat.WEBP ? webp(bytes) : viaImageIo(bytes, format);
    }

    private static ImageDimensions viaImageIo(byte[] bytes, ImageFormat format) {
        ImageDimensions dimensions;
        try (ImageInputStream stream =
                new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            dimensions = readFirstImageSize(stream);
        } catch (IOException | RuntimeException e) {
            throw unreadable(format, String.valueOf(e.getMessage()));
        }
        if (dimensions == null) {
            throw unreadable(format, "no image reader available");
        }
        return dimensions;
    }

    private static ImageDimensions readFirstImageSize(ImageInputStream stream) throws IOException {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(stream);
        if (!readers.hasNext()) {
            return null;
        }
        ImageReader reader = readers.next();
        try {
            reader.setInput(stream, true, true);
            return new ImageDimensions(reader.getWidth(0), reader.getHeight(0));
        } finally {
            reader.dispose();
        }
    }

    /**
     * WebP headers: VP8X (extended), VP8L (lossless) or VP8 (lossy) as the first chunk after
     * "RIFF....WEBP".
     */
    private static ImageDimensions webp(byte[] bytes) {
        if (bytes.length >= 30 && chunk(bytes, "VP8X")) {
            return new ImageDimensions(uint24(bytes, 24) + 1, uint24(bytes, 27) + 1);
        }
        if (bytes.length >= 25 && chunk(bytes, "VP8L") && (bytes[20] & 0xFF) == 0x2F) {
            int bits =
                    (bytes[21] & 0xFF)
                            | (bytes[22] & 0xFF) << 8
                            | (bytes[23] & 0xFF) << 16
                            | (bytes[24] & 0xFF) << 24;
            return new ImageDimensions((bits & 0x3FFF) + 1, ((bits >>> 14) & 0x3FFF) + 1);
        }
        if (bytes.length >= 30
                && chunk(bytes, "VP8 ")
                && (bytes[23] & 0xFF) == 0x9D
                && (bytes[24] & 0xFF) == 0x01
                && (bytes[25] & 0xFF) == 0x2A) {
            return new ImageDimensions(uint16(bytes, 26) & 0x3FFF, uint16(bytes, 28) & 0x3FFF);
        }
        throw unreadable(ImageFormat.WEBP, "unrecognised header");
    }

    private static boolean chunk(byte[] bytes, String fourCc) {
        for (int i = 0; i < 4; i++) {
            if (bytes[12 + i] != fourCc.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int uint16(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFF) | (bytes[offset + 1] & 0xFF) << 8;
    }

    private static int uint24(byte[] bytes, int offset) {
        return uint16(bytes, offset) | (bytes[offset + 2] & 0xFF) << 16;
    }

    private static IllegalArgumentException unreadable(ImageFormat format, String why) {
        return new IllegalArgumentException(
                "cannot read the size of the " + format + " image (" + why + ")");
    }
}
