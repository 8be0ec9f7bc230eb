package ai.instill.flink.task;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;

/** Tiny real images (4 wide × 2 high) and hand-made WebP headers for tests. */
final class ImageSamples {

    static final String PNG_BASE64 =
            "iVBORw0KGgoAAAANSUhEUgAAAAQAAAACCAIAAADwyuo0AAAADUlEQVR4XmP4z4ADAAAZAQEAjYJE6AAAAABJRU5ErkJggg==";
    static final String JPEG_BASE64 =
            "/9j/4AAQSkZJRgABAgAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4n"
                + "ICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/2wBDAQkJCQwLDBgNDRgyIRwhMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIy"
                + "MjIyMjIyMjIyMjIyMjIyMjL/wAARCAACAAQDASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgED"
                + "AwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpT"
                + "VFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi"
                + "4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEE"
                + "BSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0"
                + "dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6"
                + "/9oADAMBAAIRAxEAPwDwBmZ2LMxZmOSSckmiiilHZGlX45erP//Z";
    static final String GIF_BASE64 = "R0lGODlhBAACAPAAAAAAAP8AACwAAAAABAACAEAICAADABhIEEBAADs=";
    static final String BMP_BASE64 =
            "Qk1OAAAAAAAAADYAAAAoAAAABAAAAAIAAAABABgAAAAAABgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
                    + "AAAAAAD/AAAAAAAAAAAA";
    static final String TIFF_BASE64 =
            "TU0AKgAAAAgADAEAAAMAAAABAAQAAAEBAAMAAAABAAIAAAECAAMAAAADAAAAoAEDAAMAAAABAAEAAAEGAAMA"
                + "AAABAAIAAAERAAQAAAABAAAAuAEVAAMAAAABAAMAAAEWAAMAAAABAAIAAAEXAAQAAAABAAAAGAEaAAUAAAABAAAAqAEbAAUAAAABAAAAsAEo"
                + "AAMAAAABAAEAAAAAAAAAAAAIAAgACAAAAAAAAQAAAAEAAAABAAAAAf8AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==";

    private ImageSamples() {}

    static Image png() {
        return Image.ofBase64(PNG_BASE64);
    }

    static Image jpeg() {
        return Image.ofBase64(JPEG_BASE64);
    }

    /** An extended-format (VP8X) WebP header stating the given canvas size. */
    static byte[] webpVp8x(int width, int height) {
        byte[] bytes = riff("VP8X", 30);
        putUint24(bytes, 24, width - 1);
        putUint24(bytes, 27, height - 1);
        return bytes;
    }

    /** A lossless (VP8L) WebP header stating the given size. */
    static byte[] webpVp8l(int width, int height) {
        byte[] bytes = riff("VP8L", 30);
        bytes[20] = 0x2F;
        int bits = (width - 1) | (height - 1) << 14;
        for (int i = 0; i < 4; i++) {
            bytes[21 + i] = (byte) (bits >>> (8 * i));
        }
        return bytes;
    }

    /** A lossy (VP8) WebP header stating the given size. */
    static byte[] webpVp8(int width, int height) {
        byte[] bytes = riff("VP8 ", 30);
        bytes[23] = (byte) 0x9D;
        bytes[24] = 0x01;
        bytes[25] = 0x2A;
        bytes[26] = (byte) width;
        bytes[27] = (byte) (width >>> 8);
        bytes[28] = (byte) height;
        bytes[29] = (byte) (height >>> 8);
        return bytes;
    }

    private static byte[] riff(String chunk, int length) {
        byte[] bytes = new byte[length];
        System.arraycopy("RIFF".getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, 4);
        bytes[4] = (byte) (length - 8);
        System.arraycopy("WEBP".getBytes(StandardCharsets.US_ASCII), 0, bytes, 8, 4);
        System.arraycopy(chunk.getBytes(StandardCharsets.US_ASCII), 0, bytes, 12, 4);
        bytes[16] = (byte) (length - 20);
        return bytes;
    }

    private static void putUint24(byte[] bytes, int offset, int value) {
        bytes[offset] = (byte) value;
        bytes[offset + 1] = (byte) (value >>> 8);
        bytes[offset + 2] = (byte) (value >>> 16);
    }

    /** Writes the value with Java serialization and reads it back. */
    @SuppressWarnings("unchecked")
    static <T> T roundTrip(T value) {
        try {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(buffer)) {
                out.writeObject(value);
            }
            try (ObjectInputStream in =
                    new ObjectInputStream(new java.io.ByteArrayInputStream(buffer.toByteArray()))) {
                return (T) in.readObject();
            }
        } catch (IOException | ClassNotFoundException e) {
            throw new AssertionError("serialization round trip failed for " + value, e);
        }
    }
}
