package ai.instill.flink.task;

import java.io.Serializable;
import java.util.List;
import org.apache.flink.annotation.PublicEvolving;

/**
 * One earlier turn of a conversation: a role ({@code system}, {@code user} or {@code assistant})
 * and its parts.
 */
@PublicEvolving
public record ChatMessage(String role, List<ContentPart> content) implements Serializable {

    public static final String SYSTEM = "system";
    public static final String USER = "user";
    public static final String ASSISTANT = "assistant";

    public ChatMessage {
        content = NullableLists.copyOf(content);
    }

    public static ChatMessage system(String text) {
        return new ChatMessage(SYSTEM, List.of(ContentPart.text(text)));
    }

    public static ChatMessage user(String text) {
        return new ChatMessage(USER, List.of(ContentPart.text(text)));
    }

    public static ChatMessage assistant(String text) {
        return new ChatMessage(ASSISTANT, List.of(ContentPart.text(text)));
    }
}
