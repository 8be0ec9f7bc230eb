package ai.instill.flink.task;

import com.google.protobuf.Struct;

/**
 * Encodes the image of a vision task as {@code {"data": {"image-base64": <raw base64>, "type":
 * "image-base64"}}}.
 */
final class VisionEncoder {

    private static final String FIELD = TaskDescriptions.IMAGE.name();

    private VisionEncoder() {}

    /**
     * An upper bound of what the Struct around the base64 text adds to the wire size (keys, type,
     * lengths).
     */
    private static final int ENVELOPE_BYTES = 64;

    /**
     * {@code needsDimensions}: also check that the image header states a size (semantic masks need
     * it).
     */
    static Struct encode(ImageInput input, InputLimits limits, boolean needsDimensions) {
        return wire(check(input, limits, needsDimensions));
    }

    /** The Struct of an image that {@link #check} accepted. */
    static Struct wire(Image image) {
        WireObject data =
                WireObject.create()
                        .put("image-base64", image.base64Utf8())
                        .put("type", "image-base64");
        return WireObject.create().put("data", data).toStruct();
    }

    /**
     * Checks the input as {@link #encode} does and defers its encoding to each send, so that only
     * the image is held until then.
     */
    static WireInput prepare(ImageInput input, InputLimits limits, boolean needsDimensions) {
        Image image = check(input, limits, needsDimensions);
        return WireInput.builtAtSend(
                () -> wire(image), digest -> digest.update(image.decodedBytes()), wireSize(image));
    }

    /** Checks the input as {@link #encode} does, without encoding it; returns its image. */
    static Image check(ImageInput input, InputLimits limits, boolean needsDimensions) {
        Image image = InputChecks.image(input.image(), FIELD, limits);
        if (needsDimensions) {
            InputChecks.dimensions(image, FIELD);
        }
        return image;
    }

    /**
     * The size of the encoded Struct in bytes, at most {@value #ENVELOPE_BYTES} bytes more than it
     * is.
     */
    static int wireSize(Image image) {
        return image.base64Length() + ENVELOPE_BYTES;
    }
}
