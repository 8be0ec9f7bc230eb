package ai.instill.flink.task;

/**
 * Reads the width and height an image's header declares, without decoding its pixels.
 *
 * <p>Every format is read by hand from its first bytes: it costs well under a microsecond, where
 * ImageIO took about 40 µs per image to find a reader and open it (measured on a 70-byte PNG), and
 * a header is read for every image sent, to check it against {@code max-image-pixels}.
 */
final class ImageHeaders {

    private static final int JPEG_SOS = 0xDA;
    private static final int JPEG_EOI = 0xD9;

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
        switch (format) {
            case PNG:
                return png(bytes);
            case JPEG:
                return jpeg(bytes);
            case GIF:
                return gif(bytes);
            case WEBP:
                return webp(bytes);
            case BMP:
                return bmp(bytes);
            case TIFF:
                return tiff(bytes);
            default:
                throw new IllegalStateException("no header reader for " + format);
        }
    }

    /** PNG: the IHDR chunk comes first, with the width and height as big-endian 32-bit values. */
    private static ImageDimensions png(byte[] bytes) {
        if (bytes.length < 24) {
            throw unreadable(ImageFormat.PNG, "it ends inside its IHDR chunk");
        }
        if (!ascii(bytes, 12, "IHDR")) {
            throw unreadable(ImageFormat.PNG, "its first chunk is not IHDR");
        }
        long width = uint32BigEndian(bytes, 16);
        long height = uint32BigEndian(bytes, 20);
        if (width == 0 || height == 0 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
            throw unreadable(
                    ImageFormat.PNG,
                    "IHDR states " + width + " × " + height + ", outside 1 to 2^31-1");
        }
        return new ImageDimensions((int) width, (int) height);
    }

    /** JPEG: the first start-of-frame segment (SOF0 to SOF15) holds the height, then the width. */
    private static ImageDimensions jpeg(byte[] bytes) {
        int offset = 2;
        while (true) {
            int marker = jpegMarkerAt(bytes, offset);
            if (marker < 0) {
                throw unreadable(
                        ImageFormat.JPEG,
                        marker == -1
                                ? "it ends before its SOF segment"
                                : "no marker at byte " + offset);
            }
            int segment = jpegSegmentStart(bytes, offset);
            if (isStartOfFrame(marker)) {
                if (segment + 7 > bytes.length) {
                    throw unreadable(ImageFormat.JPEG, "it ends inside its SOF segment");
                }
                return new ImageDimensions(
                        uint16BigEndian(bytes, segment + 5), uint16BigEndian(bytes, segment + 3));
            }
            if (marker == JPEG_SOS || marker == JPEG_EOI) {
                throw unreadable(ImageFormat.JPEG, "no SOF segment before its image data");
            }
            offset = jpegNextMarker(bytes, marker, segment);
        }
    }

    /**
     * Where the entropy-coded data of a JPEG starts: the byte after the header of its first SOS
     * segment; -1 when the bytes end before it, -2 when the markers before it cannot be read.
     */
    static int jpegScanStart(byte[] bytes) {
        int offset = 2;
        while (true) {
            int marker = jpegMarkerAt(bytes, offset);
            if (marker < 0) {
                return marker;
            }
            if (marker == JPEG_EOI) {
                return -2;
            }
            int segment = jpegSegmentStart(bytes, offset);
            int next = jpegNextMarker(bytes, marker, segment);
            if (next > bytes.length) {
                return -1;
            }
            if (marker == JPEG_SOS) {
                return next;
            }
            offset = next;
        }
    }

    /**
     * The marker code at {@code offset} (after any fill bytes 0xFF), -1 when the bytes end there,
     * -2 when there is no marker.
     */
    private static int jpegMarkerAt(byte[] bytes, int offset) {
        if (offset >= bytes.length) {
            return -1;
        }
        if ((bytes[offset] & 0xFF) != 0xFF) {
            return -2;
        }
        int at = offset;
        while (at < bytes.length && (bytes[at] & 0xFF) == 0xFF) {
            at++;
        }
        return at < bytes.length ? bytes[at] & 0xFF : -1;
    }

    /** The offset of the byte after the marker code at {@code offset} (skipping fill bytes). */
    private static int jpegSegmentStart(byte[] bytes, int offset) {
        int at = offset;
        while ((bytes[at] & 0xFF) == 0xFF) {
            at++;
        }
        return at + 1;
    }

    /**
     * Where the next marker starts after the segment whose marker is {@code marker} and whose
     * length field (if it has one) starts at {@code segment}; past the end when the bytes end
     * first.
     */
    private static int jpegNextMarker(byte[] bytes, int marker, int segment) {
        boolean standalone = marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8);
        if (standalone) {
            return segment;
        }
        if (segment + 2 > bytes.length) {
            return bytes.length + 1;
        }
        return segment + Math.max(2, uint16BigEndian(bytes, segment));
    }

    /** SOF0 to SOF15, except DHT (C4), JPG (C8) and DAC (CC), which share the range. */
    private static boolean isStartOfFrame(int marker) {
        return marker >= 0xC0
                && marker <= 0xCF
                && marker != 0xC4
                && marker != 0xC8
                && marker != 0xCC;
    }

    /** GIF: the logical screen's width and height, little-endian 16-bit values after "GIF8xa". */
    private static ImageDimensions gif(byte[] bytes) {
        if (bytes.length < 10) {
            throw unreadable(ImageFormat.GIF, "it ends inside its logical screen descriptor");
        }
        return new ImageDimensions(uint16(bytes, 6), uint16(bytes, 8));
    }

    /**
     * BMP: the info header after the 14-byte file header; its 32-bit height is negative for a
     * top-down bitmap. The old 12-byte OS/2 header has 16-bit sizes.
     */
    private static ImageDimensions bmp(byte[] bytes) {
        long headerSize = uint32(bytes, 14);
        if (headerSize == 12) {
            return new ImageDimensions(uint16(bytes, 18), uint16(bytes, 20));
        }
        if (bytes.length < 26 || headerSize < 16) {
            throw unreadable(ImageFormat.BMP, "it ends inside its info header");
        }
        int width = (int) uint32(bytes, 18);
        int height = (int) uint32(bytes, 22);
        if (width < 0 || height == Integer.MIN_VALUE) {
            throw unreadable(ImageFormat.BMP, "it states " + width + " × " + height);
        }
        return new ImageDimensions(width, Math.abs(height));
    }

    /**
     * TIFF: the ImageWidth (256) and ImageLength (257) entries of the first image file directory,
     * SHORT or LONG, in the byte order that "II" (little-endian) or "MM" (big-endian) announces.
     */
    private static ImageDimensions tiff(byte[] bytes) {
        boolean little = bytes[0] == 'I';
        long directory = tiffUint32(bytes, 4, little);
        if (directory < 8 || directory + 2 > bytes.length) {
            throw unreadable(ImageFormat.TIFF, "its first directory is outside the file");
        }
        int entries = tiffUint16(bytes, (int) directory, little);
        long width = -1;
        long height = -1;
        for (int i = 0; i < entries; i++) {
            int entry = (int) directory + 2 + 12 * i;
            if (entry + 12 > bytes.length) {
                break;
            }
            int tag = tiffUint16(bytes, entry, little);
            int type = tiffUint16(bytes, entry + 2, little);
            long value =
                    type == 3
                            ? tiffUint16(bytes, entry + 8, little)
                            : type == 4 ? tiffUint32(bytes, entry + 8, little) : -1;
            if (tag == 256) {
                width = value;
            } else if (tag == 257) {
                height = value;
            }
        }
        if (width < 0 || height < 0 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
            throw unreadable(
                    ImageFormat.TIFF, "its first directory has no usable ImageWidth/ImageLength");
        }
        return new ImageDimensions((int) width, (int) height);
    }

    /**
     * WebP headers: VP8X (extended), VP8L (lossless) or VP8 (lossy) as the first chunk after
     * "RIFF....WEBP".
     */
    private static ImageDimensions webp(byte[] bytes) {
        if (bytes.length >= 30 && ascii(bytes, 12, "VP8X")) {
            return new ImageDimensions(uint24(bytes, 24) + 1, uint24(bytes, 27) + 1);
        }
        if (bytes.length >= 25 && ascii(bytes, 12, "VP8L") && (bytes[20] & 0xFF) == 0x2F) {
            int bits =
                    (bytes[21] & 0xFF)
                            | (bytes[22] & 0xFF) << 8
                            | (bytes[23] & 0xFF) << 16
                            | (bytes[24] & 0xFF) << 24;
            return new ImageDimensions((bits & 0x3FFF) + 1, ((bits >>> 14) & 0x3FFF) + 1);
        }
        if (bytes.length >= 30
                && ascii(bytes, 12, "VP8 ")
                && (bytes[23] & 0xFF) == 0x9D
                && (bytes[24] & 0xFF) == 0x01
                && (bytes[25] & 0xFF) == 0x2A) {
            return new ImageDimensions(uint16(bytes, 26) & 0x3FFF, uint16(bytes, 28) & 0x3FFF);
        }
        throw unreadable(ImageFormat.WEBP, "unrecognised header");
    }

    private static boolean ascii(byte[] bytes, int offset, String text) {
        for (int i = 0; i < text.length(); i++) {
            if (bytes[offset + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int tiffUint16(byte[] bytes, int offset, boolean little) {
        return little ? uint16(bytes, offset) : uint16BigEndian(bytes, offset);
    }

    private static long tiffUint32(byte[] bytes, int offset, boolean little) {
        return little ? uint32(bytes, offset) : uint32BigEndian(bytes, offset);
    }

    private static int uint16(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFF) | (bytes[offset + 1] & 0xFF) << 8;
    }

    private static int uint24(byte[] bytes, int offset) {
        return uint16(bytes, offset) | (bytes[offset + 2] & 0xFF) << 16;
    }

    private static long uint32(byte[] bytes, int offset) {
        return uint16(bytes, offset) | (long) uint16(bytes, offset + 2) << 16;
    }

    private static int uint16BigEndian(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFF) << 8 | (bytes[offset + 1] & 0xFF);
    }

    private static long uint32BigEndian(byte[] bytes, int offset) {
        return (long) uint16BigEndian(bytes, offset) << 16 | uint16BigEndian(bytes, offset + 2);
    }

    private static IllegalArgumentException unreadable(ImageFormat format, String why) {
        return new IllegalArgumentException(
                "cannot read the size of the " + format + " image (" + why + ")");
    }
}
