package ai.instill.flink.bench;

/**
 * One record of the benchmark's stream: a sequence number, its payload (a prompt or an encoded
 * image) and, in open-loop runs, when the source was due to send it.
 */
public class BenchRecord {
    public long id;
    public String prompt;
    public byte[] image;

    /**
     * {@link System#nanoTime()} at which the fixed-rate source was due to send the record (0 in
     * closed-loop runs); every enrichment variant emits it, so the sink can time the record.
     */
    public long dueNanos;

    public BenchRecord() {}

    public BenchRecord(long id, String prompt, byte[] image) {
        this.id = id;
        this.prompt = prompt;
        this.image = image;
    }
}
