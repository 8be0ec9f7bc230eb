package ai.instill.flink.bench;

/** The ways of enriching a stream that the benchmark puts side by side. */
public enum Variant {
    INSTILL_BATCHED("instill (batching on)", "InstillInference, batch.enabled=true"),
    INSTILL_UNBATCHED("instill (batching off)", "InstillInference, batch.enabled=false"),
    INSTILL_CACHED(
            "instill (cache on)", "InstillInference, batch.enabled=true, cache.enabled=true"),
    HAND_ASYNC("hand-written async", "RichAsyncFunction, one future-stub call per record"),
    SYNC_MAP("sync map", "MapFunction, one blocking call per record"),
    SQL_INSTILL("ML_PREDICT instill", "ML_PREDICT with provider 'instill' (batching on)"),
    SQL_OPENAI(
            "ML_PREDICT openai",
            "ML_PREDICT with flink-model-openai 2.2.0 on the local OpenAI-compatible endpoint"),
    NOOP_ASYNC(
            "no-op async",
            "RichAsyncFunction that answers at once without a call: the cost of the job around the"
                    + " enrichment"),
    TIMER_ASYNC(
            "in-JVM timer (floor)",
            "RichAsyncFunction that answers each record L after it arrives, from a timer in the"
                    + " job's JVM, without a call: the latency that the job, this JVM and this"
                    + " machine's timers add on their own");

    private final String label;
    private final String description;

    Variant(String label, String description) {
        this.label = label;
        this.description = description;
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    /** Whether its calls go to the local model server, which counts them. */
    public boolean callsModelServer() {
        return this != SQL_OPENAI && this != NOOP_ASYNC && this != TIMER_ASYNC;
    }
}
