package ai.instill.flink.task;

import com.google.protobuf.Struct;

/** Encodes the image of a vision task as {@code {"data": {"image-base64": <raw base64>, "type": "image-base64"}}}. */
final class VisionEncoder {

    static final String FIELD = "image";

    private VisionEncoder() {}

    /** {@code needsDimensions}: also check that the image header states a size (semantic masks need it). */
    static Struct encode(ImageInput input, InputLimits limits, boolean needsDimensions) {
        Image image = InputChecks.image(input.image(), FIELD, limits);
        if (needsDimensions) {
            InputChecks.dimensions(image, FIELD);
        }
        WireObject data = WireObject.create().put("image-base64", image.base64Utf8()).put("type", "image-base64");
        return WireObject.create().put("data", data).toStruct();
    }
}
