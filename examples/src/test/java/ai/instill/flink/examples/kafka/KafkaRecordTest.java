package ai.instill.flink.examples.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.instill.flink.DeadLetter;
import ai.instill.flink.error.ErrorCode;
import ai.instill.flink.error.InvalidInputException;
import ai.instill.flink.task.InstillTask;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A record's value bytes travel unchanged from the source to the dead letter: bytes that are not
 * UTF-8 are refused as such, and the dead letter's original is byte-exact.
 */
class KafkaRecordTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A JSON object whose image field holds a byte that is no UTF-8 (0xFF). */
    private static final byte[] NOT_UTF8 =
            concat(
                    "{\"id\": \"x\", \"image\": \"iVBORw0K".getBytes(StandardCharsets.UTF_8),
                    new byte[] {(byte) 0xFF},
                    "\"}".getBytes(StandardCharsets.UTF_8));

    @Test
    void theSourceKeepsTheValueBytesAsRead() {
        KafkaRecord record = read(NOT_UTF8);

        assertThat(record.bytes()).isEqualTo(NOT_UTF8);
        assertThat(record.isText()).isFalse();
        assertThat(read(null).bytes()).isNull();
        assertThat(read(null).value()).isNull();
    }

    @Test
    void aValueThatIsNotUtf8IsRefusedAsSuchWithTheOffendingByte() {
        KafkaRecord record = read(NOT_UTF8);
        JsonInputMapping mapping = new JsonInputMapping(InstillTask.DETECTION, Map.of());

        assertThatThrownBy(() -> mapping.extract(record))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageEndingWith("field 'record': is not valid UTF-8: byte 0xFF at offset 30")
                .hasMessageNotContaining("base64");
    }

    @Test
    void aTruncatedMultiByteCharacterIsNotUtf8Either() {
        byte[] euro = "{\"prompt\": \"5 €\"}".getBytes(StandardCharsets.UTF_8);
        byte[] cut = java.util.Arrays.copyOf(euro, euro.length - 3);

        assertThatThrownBy(() -> read(cut).value())
                .hasMessageContaining("is not valid UTF-8: byte 0xE2 at offset 14");
    }

    @Test
    void theDeadLetterOfBytesThatAreNotUtf8HoldsThemExactlyInBase64() throws Exception {
        JsonNode letter = deadLetter(read(NOT_UTF8));

        assertThat(letter.get("original_encoding").asText()).isEqualTo("base64");
        assertThat(Base64.getDecoder().decode(letter.get("original").asText())).isEqualTo(NOT_UTF8);
        assertThat(letter.get("reason").asText()).contains("is not valid UTF-8");
    }

    @Test
    void theDeadLetterOfTextHoldsTheTextExactly() throws Exception {
        String text = "{\"prompt\": \"héllo 😀 \\u0000\", \"image\": 42}";
        JsonNode letter = deadLetter(read(text.getBytes(StandardCharsets.UTF_8)));

        assertThat(letter.get("original").asText()).isEqualTo(text);
        assertThat(letter.get("original_encoding").asText()).isEqualTo("utf-8");
        assertThat(deadLetter(read(null)).get("original").isNull()).isTrue();
    }

    private static KafkaRecord read(byte[] value) {
        List<KafkaRecord> out = new ArrayList<>();
        new KafkaEnrichmentJob.RecordReader()
                .deserialize(
                        new ConsumerRecord<>(
                                "photos", 1, 5512L, "k".getBytes(StandardCharsets.UTF_8), value),
                        new ListCollector<>(out));
        assertThat(out).hasSize(1);
        return out.get(0);
    }

    private static JsonNode deadLetter(KafkaRecord record) throws Exception {
        String reason;
        try {
            new JsonInputMapping(InstillTask.DETECTION, Map.of()).extract(record);
            reason = "extracted";
        } catch (InvalidInputException e) {
            reason = e.getMessage();
        }
        OutgoingRecord letter =
                KafkaEnrichmentJob.DeadLetterJson.write(
                        new DeadLetter<>(
                                record,
                                InstillTask.DETECTION.componentId(),
                                "acme/yolov7/v0.1.0",
                                ErrorCode.INVALID_INPUT,
                                reason,
                                0,
                                0L));
        assertThat(letter.key()).isEqualTo("k".getBytes(StandardCharsets.UTF_8));
        return JSON.readTree(letter.value());
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
