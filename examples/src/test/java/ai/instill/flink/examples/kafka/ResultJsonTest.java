package ai.instill.flink.examples.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import ai.instill.flink.task.BoundingBox;
import ai.instill.flink.task.DetectedObject;
import ai.instill.flink.task.DetectionResult;
import ai.instill.flink.task.Image;
import ai.instill.flink.task.TextResult;
import ai.instill.flink.task.TextToImageResult;
import ai.instill.flink.task.Usage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultJsonTest {

    @Test
    void detectionUsesTheComponentsKeyNames() {
        DetectionResult result =
                new DetectionResult(
                        List.of(new DetectedObject("dog", 0.9, new BoundingBox(1, 2, 3, 4))));
        assertThat(ResultJson.of(result).toString())
                .isEqualTo(
                        "{\"objects\":[{\"category\":\"dog\",\"score\":0.9,"
                            + "\"bounding-box\":{\"left\":1.0,\"top\":2.0,\"width\":3.0,\"height\":4.0}}]}");
    }

    @Test
    void textCarriesTheFinishReasonAndUsage() {
        TextResult result = new TextResult("hello", "stop", new Usage(3, 1, 4));
        assertThat(ResultJson.of(result).toString())
                .isEqualTo(
                        "{\"text\":\"hello\",\"finish-reason\":\"stop\","
                            + "\"usage\":{\"prompt-tokens\":3,\"completion-tokens\":1,\"total-tokens\":4}}");
    }

    @Test
    void generatedImagesBecomeDataUris() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0};
        assertThat(
                        ResultJson.of(new TextToImageResult(List.of(Image.ofBytes(png))))
                                .get("images")
                                .get(0)
                                .asText())
                .startsWith("data:image/png;base64,");
    }
}
