package ai.instill.flink.task;

import java.io.Serializable;
import org.apache.flink.annotation.PublicEvolving;

/** One thing to embed: a text, an image, or the URL of an image. */
@PublicEvolving
public sealed interface EmbeddingItem extends Serializable
        permits EmbeddingItem.TextItem, EmbeddingItem.ImageItem, EmbeddingItem.ImageUrlItem {

    static EmbeddingItem text(String text) {
        return new TextItem(text);
    }

    static EmbeddingItem image(Image image) {
        return new ImageItem(image);
    }

    static EmbeddingItem imageUrl(String url) {
        return new ImageUrlItem(url);
    }

    /** A text to embed. */
    record TextItem(String text) implements EmbeddingItem {}

    /** An inline image to embed, sent as a data URI. */
    record ImageItem(Image image) implements EmbeddingItem {}

    /** An image the model downloads from a URL. */
    record ImageUrlItem(String url) implements EmbeddingItem {}
}
