package ai.instill.flink.task;

import java.util.Optional;

/**
 * Decodes the outputs of completion and chat models: the first choice's text, finish reason and
 * token usage.
 */
final class TextDecoder {

    private TextDecoder() {}

    /** {@code data.choices[0].content}. */
    static TextResult completion(OutputObject root) {
        OutputObject choice = firstChoice(root);
        return new TextResult(
                choice.string("content"), choice.string("finish-reason"), usage(root));
    }

    /** {@code data.choices[0].message.content}. */
    static TextResult chat(OutputObject root) {
        OutputObject choice = firstChoice(root);
        String text = choice.object("message").string("content");
        return new TextResult(text, choice.string("finish-reason"), usage(root));
    }

    private static OutputObject firstChoice(OutputObject root) {
        return root.object("data").nonEmptyObjects("choices").get(0);
    }

    /** {@code metadata.usage} when the model reports it, else {@code null}. */
    private static Usage usage(OutputObject root) {
        Optional<OutputObject> usage =
                root.optionalObject("metadata").flatMap(m -> m.optionalObject("usage"));
        return usage.map(
                        u ->
                                new Usage(
                                        u.integer("prompt-tokens"),
                                        u.integer("completion-tokens"),
                                        u.integer("total-tokens")))
                .orElse(null);
    }
}
