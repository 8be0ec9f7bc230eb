package ai.instill.flink.task;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a text-to-image output: every {@code data.choices[i].image}, with or without a data-URI
 * prefix.
 */
final class TextToImageDecoder {

    private TextToImageDecoder() {}

    static TextToImageResult decode(OutputObject root) {
        List<Image> images = new ArrayList<>();
        for (OutputObject choice : root.object("data").nonEmptyObjects("choices")) {
            Image image = Image.ofBase64(choice.string("image"));
            int size;
            try {
                size = image.size();
            } catch (IllegalArgumentException e) {
                throw OutputObject.malformed(choice.path("image"), Image.NOT_BASE64);
            }
            if (size == 0) {
                throw OutputObject.malformed(
                        choice.path("image"), "expected an image, got an empty string");
            }
            images.add(image);
        }
        return new TextToImageResult(images);
    }
}
