package ai.instill.flink.server.models;

import ai.instill.flink.server.imaging.RgbPixels;
import com.google.protobuf.Struct;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import javax.imageio.ImageIO;

/**
 * Decodes the images a task input carries (raw base64 or data URIs), for the stand-ins and the real
 * models alike; URLs fail because the local server has no network.
 */
public final class ImageInputs {

    static {
        ImageIO.setUseCache(false);
    }

    private ImageInputs() {}

    /** The image of a vision task input: {@code data.type} is "image-base64" or "image-url". */
    public static RgbPixels visionImage(Struct taskInput) throws ModelFailure {
        String type = StructPath.string(taskInput, "", "data", "type");
        if ("image-url".equals(type)) {
            throw urlUnsupported();
        }
        return decode(StructPath.string(taskInput, "", "data", "image-base64"));
    }

    public static ModelFailure urlUnsupported() {
        return new ModelFailure(
                "image-url inputs are not supported: the local model server has no network access");
    }

    /**
     * Decodes raw base64 or a data URI (everything up to the last comma is dropped, as the
     * component does).
     */
    public static RgbPixels decode(String base64OrDataUri) throws ModelFailure {
        String payload = base64OrDataUri.substring(base64OrDataUri.lastIndexOf(',') + 1).trim();
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(payload);
        } catch (IllegalArgumentException e) {
            throw new ModelFailure("image is not valid base64: " + e.getMessage());
        }
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            throw new ModelFailure("image bytes do not decode: " + e.getMessage());
        }
        if (image == null) {
            throw new ModelFailure("image bytes do not decode as any format javax.imageio knows");
        }
        return RgbPixels.of(image);
    }
}
