package ai.instill.flink.server.models;

import com.google.protobuf.Struct;
import java.util.Collections;
import java.util.List;

/**
 * Completion stand-in: answers "stand-in: " followed by the prompt's words in reverse order, at
 * most {@code max-tokens} of them (finish reason "length" when cut, else "stop"); usage counts
 * words.
 */
public final class CompletionStandIn implements StandInModel {

    static final String PREFIX = "stand-in: ";

    @Override
    public Struct infer(Struct taskInput) {
        String prompt = StructPath.string(taskInput, "", "data", "prompt");
        String systemMessage = StructPath.string(taskInput, "", "data", "system-message");
        List<String> reversed = GeneratedWords.wordsOf(prompt);
        Collections.reverse(reversed);
        GeneratedWords answer =
                GeneratedWords.cap(
                        reversed,
                        StructPath.integer(
                                taskInput,
                                GeneratedWords.DEFAULT_MAX_TOKENS,
                                "parameter",
                                "max-tokens"));
        Struct choice =
                StructValues.struct(
                        "finish-reason",
                        answer.finishReason(),
                        "index",
                        0,
                        "content",
                        PREFIX + answer.text(),
                        "created",
                        StandInOutput.createdNow());
        long promptTokens =
                GeneratedWords.wordsOf(prompt).size()
                        + GeneratedWords.wordsOf(systemMessage).size();
        return StandInOutput.withUsage(
                StructValues.struct("choices", List.of(choice)), promptTokens, answer.count());
    }
}
