package ai.instill.flink.examples.kafka;

import java.io.Serializable;

/**
 * A record for an output or dead-letter topic: the input record's key and the JSON text to write.
 */
public record OutgoingRecord(byte[] key, String value) implements Serializable {}
