package ai.instill.flink.examples.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;

/**
 * One record read from the input topic, as it travels through the enrichment job: its key and text,
 * where it came from, and (transiently, inside the Instill operator) its parsed JSON and the moment
 * it entered the operator.
 */
public final class KafkaRecord implements Serializable {
    private static final long serialVersionUID = 1L;

    private final byte[] key;
    private final String value;
    private final String topic;
    private final int partition;
    private final long offset;

    /** Parsed once by the input mapping and reused when the output record is written. */
    private transient JsonNode json;

    /**
     * {@link System#nanoTime()} when the operator took the record, for the latency written into the
     * output.
     */
    private transient long enteredAtNanos;

    public KafkaRecord(byte[] key, String value, String topic, int partition, long offset) {
        this.key = key;
        this.value = value;
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
    }

    public byte[] key() {
        return key;
    }

    public String value() {
        return value;
    }

    public String topic() {
        return topic;
    }

    public int partition() {
        return partition;
    }

    public long offset() {
        return offset;
    }

    JsonNode json() {
        return json;
    }

    void json(JsonNode parsed) {
        this.json = parsed;
    }

    long enteredAtNanos() {
        return enteredAtNanos;
    }

    void enteredAtNanos(long nanos) {
        this.enteredAtNanos = nanos;
    }

    @Override
    public String toString() {
        return topic
                + "-"
                + partition
                + "@"
                + offset
                + (key == null ? "" : " key=" + new String(key, StandardCharsets.UTF_8));
    }
}
