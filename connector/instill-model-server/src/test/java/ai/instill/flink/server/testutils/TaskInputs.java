package ai.instill.flink.server.testutils;

import static ai.instill.flink.server.models.StructValues.struct;

import com.google.protobuf.Struct;
import java.util.Arrays;
import java.util.List;

/** Builds task input Structs for every task the way the connector sends them. */
public final class TaskInputs {

    private TaskInputs() {}

    public static Struct image(String base64OrDataUri) {
        return struct("data", struct("type", "image-base64", "image-base64", base64OrDataUri));
    }

    public static Struct imageUrl(String url) {
        return struct("data", struct("type", "image-url", "image-url", url));
    }

    public static Struct prompt(String prompt, Object... parameterKeysAndValues) {
        return withParameters(struct("prompt", prompt), parameterKeysAndValues);
    }

    public static Struct chat(List<Struct> messages, Object... parameterKeysAndValues) {
        return withParameters(struct("messages", messages), parameterKeysAndValues);
    }

    public static Struct message(String role, Struct... parts) {
        return struct("role", role, "content", Arrays.asList(parts));
    }

    public static Struct text(String text) {
        return struct("type", "text", "text", text);
    }

    public static Struct imagePart(String base64OrDataUri) {
        return struct("type", "image-base64", "image-base64", base64OrDataUri);
    }

    public static Struct imageUrlPart(String url) {
        return struct("type", "image-url", "image-url", url);
    }

    public static Struct embeddings(List<Struct> items, Object... parameterKeysAndValues) {
        return withParameters(struct("embeddings", items), parameterKeysAndValues);
    }

    private static Struct withParameters(Struct data, Object... parameterKeysAndValues) {
        return parameterKeysAndValues.length == 0
                ? struct("data", data)
                : struct("data", data, "parameter", struct(parameterKeysAndValues));
    }
}
