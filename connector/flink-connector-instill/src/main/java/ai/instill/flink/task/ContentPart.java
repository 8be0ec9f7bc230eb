package ai.instill.flink.task;

import java.io.Serializable;
import org.apache.flink.annotation.PublicEvolving;

/** One part of a chat message's content: a text, an image, or the URL of an image. */
@PublicEvolving
public sealed interface ContentPart extends Serializable
        permits ContentPart.TextPart, ContentPart.ImagePart, ContentPart.ImageUrlPart {

    static ContentPart text(String text) {
        return new TextPart(text);
    }

    static ContentPart image(Image image) {
        return new ImagePart(image);
    }

    static ContentPart imageUrl(String url) {
        return new ImageUrlPart(url);
    }

    /** A text part. */
    record TextPart(String text) implements ContentPart {}

    /** An inline image part, sent as a data URI. */
    record ImagePart(Image image) implements ContentPart {}

    /** An image the model downloads from a URL. */
    record ImageUrlPart(String url) implements ContentPart {}
}
