package ai.instill.flink.bench;

/**
 * One record of the benchmark's stream: a sequence number and its payload (a prompt or an encoded
 * image).
 */
public class BenchRecord {
    public long id;
    public String prompt;
    public byte[] image;

    public BenchRecord() {}

    public BenchRecord(long id, String prompt, byte[] image) {
        this.id = id;
        this.prompt = prompt;
        this.image = image;
    }
}
