package ai.instill.flink.task;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import org.apache.flink.annotation.PublicEvolving;

/**
 * An image value held as bytes or as base64 text (raw or a {@code data:} URI), decoded lazily and
 * compared by content.
 */
@PublicEvolving
public final class Image implements Serializable {
    private static final long serialVersionUID = 1L;

    static final String NOT_BASE64 = "not valid base64";
    private static final String UNKNOWN_MIME_TYPE = "application/octet-stream";

    /**
     * Enough base64 for the longest magic number (48 bytes; a multiple of 4, so a prefix decodes on
     * its own).
     */
    private static final int SNIFF_CHARS = 64;

    /** Set when the image was made from bytes. */
    private final byte[] bytes;

    /**
     * Set when the image was made from text: the raw base64 (what follows the last comma, without
     * whitespace).
     */
    private final String base64;

    private transient volatile ImageDimensions dimensions;

    private Image(byte[] bytes, String base64) {
        this.bytes = bytes;
        this.base64 = base64;
    }

    /**
     * An image from its encoded file bytes (PNG, JPEG, …). The array is wrapped, not copied, so
     * that a record in flight holds its image once: do not change it afterwards (Flink's async
     * operator copies a reused input record before it reaches the function).
     */
    public static Image ofBytes(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return new Image(bytes, null);
    }

    /**
     * An image from base64 text: raw base64 or a {@code data:<mime>;base64,<b64>} URI. Like the
     * Instill component, only the text after the last comma is kept; line breaks and spaces are
     * ignored. The text is decoded when the bytes are needed and the result is not kept, so that an
     * image in flight holds its text only.
     */
    public static Image ofBase64(String text) {
        Objects.requireNonNull(text, "text");
        return new Image(null, stripWhitespace(text.substring(text.lastIndexOf(',') + 1)));
    }

    /**
     * The encoded image bytes (a copy); throws IllegalArgumentException if the base64 text is not
     * valid base64.
     */
    public byte[] bytes() {
        return bytes != null ? bytes.clone() : decodedBytes();
    }

    /** The raw base64 text of the image, without a data-URI prefix. */
    public String base64() {
        return base64 != null ? base64 : Base64.getEncoder().encodeToString(bytes);
    }

    /**
     * The raw base64 text as the wire's UTF-8 bytes. An image made from bytes is encoded straight
     * to bytes and wrapped without a copy, so a request never holds it as a String and protobuf
     * never re-encodes it to UTF-8: one pass and one buffer instead of three.
     */
    ByteString base64Utf8() {
        return base64 != null
                ? ByteString.copyFromUtf8(base64)
                : UnsafeByteOperations.unsafeWrap(Base64.getEncoder().encode(bytes));
    }

    /** The length of the raw base64 text, computed without encoding. */
    int base64Length() {
        return base64 != null ? base64.length() : 4 * ((bytes.length + 2) / 3);
    }

    /**
     * The MIME type sniffed from the magic bytes, or {@code application/octet-stream} if the format
     * is unknown.
     */
    public String mimeType() {
        ImageFormat format = format();
        return format == null ? UNKNOWN_MIME_TYPE : format.mimeType();
    }

    /** The image as a {@code data:<mime>;base64,<b64>} URI with the sniffed MIME type. */
    public String dataUri() {
        return "data:" + mimeType() + ";base64," + base64();
    }

    /** The number of encoded bytes. */
    public int size() {
        return decodedBytes().length;
    }

    /**
     * Width and height from the image header; throws IllegalArgumentException if the header cannot
     * be read.
     */
    public ImageDimensions dimensions() {
        ImageDimensions known = dimensions;
        if (known == null) {
            byte[] content = decodedBytes();
            known = dimensions(content, ImageFormat.sniff(content));
        }
        return known;
    }

    /**
     * Width and height read from {@code content}, this image's {@link #decodedBytes()} of the given
     * format, and kept; for a caller that has decoded them already.
     */
    ImageDimensions dimensions(byte[] content, ImageFormat format) {
        ImageDimensions known = dimensions;
        if (known == null) {
            known = ImageHeaders.dimensions(content, format);
            dimensions = known;
        }
        return known;
    }

    /**
     * The format sniffed from the magic bytes; an image from text decodes only the start of its
     * text for it.
     */
    ImageFormat format() {
        return ImageFormat.sniff(
                bytes != null
                        ? bytes
                        : decode(base64.substring(0, Math.min(base64.length(), SNIFF_CHARS))));
    }

    /**
     * The encoded image bytes: the array itself for an image from bytes, a new decoding for one
     * from text.
     */
    byte[] decodedBytes() {
        return bytes != null ? bytes : decode(base64);
    }

    private static byte[] decode(String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(NOT_BASE64, e);
        }
    }

    private byte[] decodedOrNull() {
        try {
            return decodedBytes();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String stripWhitespace(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean whitespace = c == ' ' || c == '\n' || c == '\r' || c == '\t';
            if (whitespace && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            } else if (!whitespace && out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Image)) {
            return false;
        }
        Image other = (Image) o;
        byte[] mine = decodedOrNull();
        byte[] theirs = other.decodedOrNull();
        if (mine != null && theirs != null) {
            return Arrays.equals(mine, theirs);
        }
        return base64().equals(other.base64());
    }

    @Override
    public int hashCode() {
        byte[] content = decodedOrNull();
        return content != null ? Arrays.hashCode(content) : base64().hashCode();
    }

    @Override
    public String toString() {
        byte[] content = decodedOrNull();
        if (content == null) {
            return "Image[invalid base64, " + base64.length() + " characters]";
        }
        return "Image[" + mimeType() + ", " + content.length + " bytes]";
    }
}
