package ai.instill.flink.server.models;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The words a text stand-in "generates", cut at {@code max-tokens} the way an LLM stops at its
 * token budget.
 */
final class GeneratedWords {

    /** The {@code max-tokens} default of the Instill task schema. */
    static final long DEFAULT_MAX_TOKENS = 50;

    private final List<String> words;
    private final boolean capped;

    private GeneratedWords(List<String> words, boolean capped) {
        this.words = words;
        this.capped = capped;
    }

    /** Keeps at most {@code maxTokens} words (none when the budget is zero or negative). */
    static GeneratedWords cap(List<String> words, long maxTokens) {
        int limit = (int) Math.max(0, Math.min(words.size(), maxTokens));
        return new GeneratedWords(List.copyOf(words.subList(0, limit)), limit < words.size());
    }

    /** Splits text on whitespace into non-empty words. */
    static List<String> wordsOf(String text) {
        String trimmed = text.strip();
        return trimmed.isEmpty()
                ? List.of()
                : new ArrayList<>(Arrays.asList(trimmed.split("\\s+")));
    }

    String text() {
        return String.join(" ", words);
    }

    int count() {
        return words.size();
    }

    /** "length" when the budget cut the answer short, otherwise "stop". */
    String finishReason() {
        return capped ? "length" : "stop";
    }
}
