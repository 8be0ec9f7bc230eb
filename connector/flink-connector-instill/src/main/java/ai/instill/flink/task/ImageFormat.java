package ai.instill.flink.task;

/** The image formats the connector recognises by their magic bytes, each with its MIME type. */
enum ImageFormat {
    PNG("PNG", "image/png"),
    JPEG("JPEG", "image/jpeg"),
    GIF("GIF", "image/gif"),
    WEBP("WebP", "image/webp"),
    BMP("BMP", "image/bmp"),
    TIFF("TIFF", "image/tiff");

    static final String EXPECTED = "PNG, JPEG, GIF, WebP, BMP or TIFF";

    private final String displayName;
    private final String mimeType;

    ImageFormat(String displayName, String mimeType) {
        this.displayName = displayName;
        this.mimeType = mimeType;
    }

    String mimeType() {
        return mimeType;
    }

    /** The format's usual spelling, as messages name it: PNG, JPEG, GIF, WebP, BMP, TIFF. */
    @Override
    public String toString() {
        return displayName;
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
     * and JPEG are checked, where it is cheap and certain: a PNG ends with its IEND chunk and a
     * JPEG with its EOI marker (FFD9), and a cut one has none.
     */
    String truncation(byte[] bytes) {
        switch (this) {
            case PNG:
                return pngTruncation(bytes);
            case JPEG:
                return jpegTruncation(bytes);
            default:
                return null;
        }
    }

    private static String pngTruncation(byte[] bytes) {
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

    /**
     * Looks for the EOI marker after the start of the image data only: FFD9 cannot occur inside the
     * entropy-coded data (a data byte FF is followed by 00), but it does end the thumbnail that an
     * EXIF segment before it may hold. EOI is the last marker, so a whole file is found at its end
     * at once; bytes after it (padding some encoders add) are allowed.
     */
    private static String jpegTruncation(byte[] bytes) {
        int scan = ImageHeaders.jpegScanStart(bytes);
        if (scan == -2) {
            return null; // the header is broken rather than cut: reading its size says how
        }
        for (int i = bytes.length - 2; i >= scan && scan >= 0; i--) {
            if ((bytes[i] & 0xFF) == 0xFF && (bytes[i + 1] & 0xFF) == 0xD9) {
                return null;
            }
        }
        return "is a truncated JPEG (it has no EOI marker, FFD9)";
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
