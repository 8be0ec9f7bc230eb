package ai.instill.flink.examples.kafka;

import ai.instill.flink.error.InvalidInputException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;

/**
 * One record read from the input topic, as it travels through the enrichment job: its key and value
 * bytes as read, where it came from, and (transiently, inside the Instill operator) its parsed JSON
 * and the moment it entered the operator.
 */
public final class KafkaRecord implements Serializable {
    private static final long serialVersionUID = 1L;

    private final byte[] key;
    private final byte[] value;
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

    /** A record as read: its value's bytes are kept exactly (null for a tombstone). */
    public KafkaRecord(byte[] key, byte[] value, String topic, int partition, long offset) {
        this.key = key;
        this.value = value;
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
    }

    /** A record whose value is text, as UTF-8. */
    public KafkaRecord(byte[] key, String value, String topic, int partition, long offset) {
        this(
                key,
                value == null ? null : value.getBytes(StandardCharsets.UTF_8),
                topic,
                partition,
                offset);
    }

    public byte[] key() {
        return key;
    }

    /** The value's bytes exactly as read, or null for a tombstone. */
    public byte[] bytes() {
        return value;
    }

    /**
     * The value as text, or null for a tombstone.
     *
     * @throws InvalidInputException when the bytes are not valid UTF-8, naming the first bad byte
     */
    public String value() {
        return value == null ? null : utf8(value);
    }

    /** Whether the value is a tombstone or valid UTF-8. */
    public boolean isText() {
        try {
            value();
            return true;
        } catch (InvalidInputException e) {
            return false;
        }
    }

    private static String utf8(byte[] bytes) {
        // a new decoder reports malformed input instead of replacing it with U+FFFD
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int at = in.position();
            throw new InvalidInputException(
                    "record",
                    String.format(
                            "is not valid UTF-8: byte 0x%02X at offset %d", bytes[at] & 0xff, at));
        }
        return out.flip().toString();
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
