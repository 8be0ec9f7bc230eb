package ai.instill.flink.server.models;

import com.google.protobuf.Struct;

/**
 * Wraps a task output's {@code data} into the envelope every stand-in returns, with the stand-in
 * notice.
 */
final class StandInOutput {

    private StandInOutput() {}

    static Struct of(Struct data) {
        return StructValues.struct(
                "data", data, "metadata", StructValues.struct("stand-in", StandInModel.NOTICE));
    }

    /** Adds {@code metadata.usage} as the LLM tasks report it. */
    static Struct withUsage(Struct data, long promptTokens, long completionTokens) {
        Struct usage =
                StructValues.struct(
                        "completion-tokens", completionTokens,
                        "prompt-tokens", promptTokens,
                        "total-tokens", promptTokens + completionTokens);
        return StructValues.struct(
                "data",
                data,
                "metadata",
                StructValues.struct("stand-in", StandInModel.NOTICE, "usage", usage));
    }

    /** Seconds since the Unix epoch, the {@code created} field of LLM and embedding outputs. */
    static long createdNow() {
        return System.currentTimeMillis() / 1000;
    }
}
