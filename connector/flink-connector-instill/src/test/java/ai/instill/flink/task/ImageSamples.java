package ai.instill.flink.task;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.CRC32;

/**
 * Tiny real images (4 wide × 2 high), variants of them with a patched or cut header, and hand-made
 * WebP headers for tests.
 */
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

    /**
     * The 4 × 2 PNG with its IHDR chunk patched to declare {@code width} × {@code height}, and its
     * CRC written anew, as an encoder would write it: a valid file whose pixel data no longer fits.
     */
    static byte[] pngDeclaring(long width, long height) {
        byte[] png = png().bytes();
        putUint32BigEndian(png, 16, width);
        putUint32BigEndian(png, 20, height);
        CRC32 crc = new CRC32();
        crc.update(png, 12, 17); // the chunk type and its 13 data bytes
        putUint32BigEndian(png, 29, crc.getValue());
        return png;
    }

    /** The 4 × 2 JPEG with its start-of-frame segment (SOF0) patched to declare another size. */
    static byte[] jpegDeclaring(int width, int height) {
        byte[] jpeg = jpeg().bytes();
        int sof = indexOf(jpeg, 0xFF, 0xC0);
        jpeg[sof + 5] = (byte) (height >>> 8);
        jpeg[sof + 6] = (byte) height;
        jpeg[sof + 7] = (byte) (width >>> 8);
        jpeg[sof + 8] = (byte) width;
        return jpeg;
    }

    /** The 4 × 2 JPEG cut before its last two bytes, the end-of-image marker FFD9. */
    static byte[] jpegWithoutEnd() {
        byte[] jpeg = jpeg().bytes();
        return Arrays.copyOf(jpeg, jpeg.length - 2);
    }

    /**
     * The 4 × 2 JPEG with an EXIF segment (APP1) right after its start marker that holds a whole
     * JPEG, end marker included, as a camera's thumbnail.
     */
    static byte[] jpegWithThumbnail() {
        byte[] jpeg = jpeg().bytes();
        byte[] exif = "Exif\0\0".getBytes(StandardCharsets.US_ASCII);
        int length = 2 + exif.length + jpeg.length;
        byte[] out = new byte[jpeg.length + 2 + length];
        out[0] = (byte) 0xFF;
        out[1] = (byte) 0xD8;
        out[2] = (byte) 0xFF;
        out[3] = (byte) 0xE1;
        out[4] = (byte) (length >>> 8);
        out[5] = (byte) length;
        System.arraycopy(exif, 0, out, 6, exif.length);
        System.arraycopy(jpeg, 0, out, 6 + exif.length, jpeg.length);
        System.arraycopy(jpeg, 2, out, 4 + length, jpeg.length - 2);
        return out;
    }

    /** The base64 of {@code bytes} in a {@code data:<mime>;base64,} URI. */
    static String dataUri(String mimeType, byte[] bytes) {
        return "data:" + mimeType + ";base64," + Base64.getEncoder().encodeToString(bytes);
    }

    private static int indexOf(byte[] bytes, int first, int second) {
        for (int i = 0; i + 1 < bytes.length; i++) {
            if ((bytes[i] & 0xFF) == first && (bytes[i + 1] & 0xFF) == second) {
                return i;
            }
        }
        throw new IllegalArgumentException("no marker " + first + " " + second);
    }

    private static void putUint32BigEndian(byte[] bytes, int offset, long value) {
        for (int i = 0; i < 4; i++) {
            bytes[offset + i] = (byte) (value >>> (24 - 8 * i));
        }
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
