package ai.instill.flink.task;

/** The image formats the connector recognises by their magic bytes, each with its MIME type. */
enum ImageFormat {
    PNG("image/png"),
    JPEG("image/jpeg"),
    GIF("image/gif"),
    WEBP("image/webp"),
    BMP("image/bmp"),
    TIFF("image/tiff");

    static final String EXPECTED = "PNG, JPEG, GIF, WebP, BMP or TIFF";

    private final String mimeType;

    ImageFormat(String mimeType) {
        this.mimeType = mimeType;
    }

    String mimeType() {
        return mimeType;
    }

    /**
     * The format these bytes start with, or {@code null} when they do not look like a known image.
     */
    static ImageFormat sniff(byte[] bytes) {
        if (startsWith(bytes, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return PNG;
        }
        if (startsWith(bytes, 0, 0xFF, 0xD8, 0xFF)) {
            return JPEG;
        }
        if (startsWith(bytes, 0, 'G', 'I', 'F', '8', '7', 'a')
                || startsWith(bytes, 0, 'G', 'I', 'F', '8', '9', 'a')) {
            return GIF;
        }
        if (startsWith(bytes, 0, 'R', 'I', 'F', 'F') && startsWith(bytes, 8, 'W', 'E', 'B', 'P')) {
            return WEBP;
        }
        if (startsWith(bytes, 0, 'B', 'M') && bytes.length >= 26) {
            return BMP;
        }
        if (startsWith(bytes, 0, 'I', 'I', 0x2A, 0x00)
                || startsWith(bytes, 0, 'M', 'M', 0x00, 0x2A)) {
            return TIFF;
        }
        return null;
    }

    /**
     * Why these bytes of this format are cut short, or {@code null} when nothing says so. Only PNG
     * is checked, where it is cheap and certain: a PNG ends with its IEND chunk, and a cut one has
     * none.
     */
    String truncation(byte[] bytes) {
        if (this != PNG) {
            return null;
        }
        for (int i = bytes.length - 4; i >= 8; i--) {
            if (bytes[i] == 'I'
                    && bytes[i + 1] == 'E'
                    && bytes[i + 2] == 'N'
                    && bytes[i + 3] == 'D') {
                return null;
            }
        }
        return "is a truncated PNG (it has no IEND chunk)";
    }

    private static boolean startsWith(byte[] bytes, int offset, int... magic) {
        if (bytes.length < offset + magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((bytes[offset + i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
