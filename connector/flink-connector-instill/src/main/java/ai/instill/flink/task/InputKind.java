package ai.instill.flink.task;

import java.util.List;
import org.apache.flink.annotation.Internal;

/**
 * The kind of value an input field holds, with its Java type. Each surface reads a kind its own
 * way: SQL from a column or function argument of matching types, the Kafka job from a JSON value.
 */
@Internal
public enum InputKind {
    /** A text, {@code String}. */
    TEXT(String.class),
    /** A 32-bit integer, {@code Integer}. */
    INTEGER(Integer.class),
    /** A 64-bit integer, {@code Long}. */
    LONG(Long.class),
    /** A number, {@code Double}. */
    DECIMAL(Double.class),
    /** One image, {@link Image}. */
    IMAGE(Image.class),
    /** Images, {@code List<Image>}. */
    IMAGES(List.class),
    /** The earlier turns of a conversation, {@code List<ChatMessage>}. */
    CHAT_HISTORY(List.class),
    /** The things to embed, {@code List<EmbeddingItem>}. */
    EMBEDDING_ITEMS(List.class);

    private final Class<?> javaType;

    InputKind(Class<?> javaType) {
        this.javaType = javaType;
    }

    /** The class of a value of this kind (for the lists, {@code List}). */
    public Class<?> javaType() {
        return javaType;
    }
}
