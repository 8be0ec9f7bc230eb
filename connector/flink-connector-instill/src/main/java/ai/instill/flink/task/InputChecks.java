package ai.instill.flink.task;

import ai.instill.flink.error.InvalidInputException;
import java.util.List;

/**
 * Validates input fields before encoding and reports the first problem as an {@link
 * InvalidInputException}.
 */
final class InputChecks {

    /**
     * The largest magnitude an integer can have and still survive the wire's double encoding
     * exactly.
     */
    private static final long MAX_EXACT_INTEGER = 1L << 53;

    private InputChecks() {}

    /** A required text: present, not blank, valid UTF-16. */
    static String requiredText(String value, String field) {
        if (value == null) {
            throw new InvalidInputException(field, "is required");
        }
        if (value.isBlank()) {
            throw new InvalidInputException(field, "must not be empty");
        }
        return validUtf16(value, field);
    }

    /** An optional text: {@code null} when unset or empty, otherwise checked to be valid UTF-16. */
    static String optionalText(String value, String field) {
        return value == null || value.isEmpty() ? null : validUtf16(value, field);
    }

    /**
     * An optional text that must be one of the allowed values when set; {@code null} when unset or
     * empty.
     */
    static String optionalChoice(String value, String field, List<String> allowed) {
        String text = optionalText(value, field);
        if (text != null && !allowed.contains(text)) {
            throw new InvalidInputException(
                    field,
                    "must be one of " + String.join(", ", allowed) + " (got '" + text + "')");
        }
        return text;
    }

    static String validUtf16(String value, String field) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidInputException(
                        field,
                        "contains invalid UTF-16 (an unpaired surrogate at index " + i + ")");
            }
        }
        return value;
    }

    /** An optional integer that must be at least {@code minimum} when set. */
    static Integer atLeast(Integer value, int minimum, String field) {
        if (value != null && value < minimum) {
            throw new InvalidInputException(
                    field, "must be at least " + minimum + " (got " + value + ")");
        }
        return value;
    }

    /** An optional number that must be finite and not negative when set. */
    static Double finiteNonNegative(Double value, String field) {
        if (value != null && (!Double.isFinite(value) || value < 0)) {
            throw new InvalidInputException(
                    field, "must be a finite number not below 0 (got " + value + ")");
        }
        return value;
    }

    /** An optional seed that must be representable exactly as a JSON number (|seed| ≤ 2^53). */
    static Long seed(Long value, String field) {
        if (value != null && Math.abs(value) > MAX_EXACT_INTEGER) {
            throw new InvalidInputException(
                    field, "must be between -2^53 and 2^53 to be sent exactly (got " + value + ")");
        }
        return value;
    }

    /** A list element that must not be null. */
    static <T> T element(T value, String field) {
        if (value == null) {
            throw new InvalidInputException(field, "is required");
        }
        return value;
    }

    /**
     * An image that is present, valid base64, not empty, within the size limit, in a recognised
     * format, not cut short (PNG, JPEG) and whose header declares at most the pixel limit; returns
     * it.
     */
    static Image image(Image image, String field, InputLimits limits) {
        return image(image, field, limits, limits.maxImagePixels());
    }

    /**
     * An image that is present, valid base64, not empty, within the size limit, in a recognised
     * format, not cut short (PNG, JPEG) and whose header declares at most {@code maxImagePixels}
     * pixels; returns it.
     */
    static Image image(Image image, String field, InputLimits limits, long maxImagePixels) {
        if (image == null) {
            throw new InvalidInputException(field, "is required");
        }
        byte[] bytes;
        try {
            bytes = image.decodedBytes();
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, Image.NOT_BASE64, e);
        }
        if (bytes.length == 0) {
            throw new InvalidInputException(field, "must not be empty");
        }
        if (bytes.length > limits.maxImageBytes()) {
            throw new InvalidInputException(
                    field,
                    "is "
                            + bytes.length
                            + " bytes, larger than the limit of "
                            + limits.maxImageBytes()
                            + " bytes");
        }
        ImageFormat format = ImageFormat.sniff(bytes);
        if (format == null) {
            throw new InvalidInputException(
                    field, "not an image (" + ImageFormat.EXPECTED + " expected)");
        }
        String truncated = format.truncation(bytes);
        if (truncated != null) {
            throw new InvalidInputException(field, truncated);
        }
        ImageDimensions size;
        try {
            size = image.dimensions(bytes, format);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, e.getMessage(), e);
        }
        if ((long) size.width() * size.height() > maxImagePixels) {
            throw new InvalidInputException(
                    field,
                    format
                            + " header declares "
                            + size.width()
                            + " × "
                            + size.height()
                            + " pixels, over the limit of "
                            + maxImagePixels
                            + " set by 'max-image-pixels'");
        }
        return image;
    }

    /**
     * An image URL: a {@code data:} URI is checked as an image (see {@link #image}), any other URL
     * only for being present and not empty (the model downloads it); returns the URL unchanged.
     */
    static String imageUrl(String url, String field, InputLimits limits) {
        String text = requiredText(url, field);
        if (text.regionMatches(true, 0, "data:", 0, 5)) {
            int comma = text.indexOf(',');
            if (comma < 0 || !text.regionMatches(true, comma - 7, ";base64", 0, 7)) {
                throw new InvalidInputException(
                        field,
                        "is a data URI that does not hold base64 (data:<type>;base64,<data>"
                                + " expected)");
            }
            image(Image.ofBase64(text), field, limits);
        }
        return text;
    }

    /** The image's dimensions, or an InvalidInputException when its header cannot be read. */
    static ImageDimensions dimensions(Image image, String field) {
        try {
            return image.dimensions();
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, e.getMessage(), e);
        }
    }
}
