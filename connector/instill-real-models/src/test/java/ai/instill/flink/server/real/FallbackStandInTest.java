package ai.instill.flink.server.real;

import static org.assertj.core.api.Assertions.assertThat;

import ai.instill.flink.proto.common.task.v1alpha.Task;
import ai.instill.flink.server.LocalModelServer;
import ai.instill.flink.server.ModelList;
import org.junit.jupiter.api.Test;

class FallbackStandInTest {

    @Test
    void isListedAsAStandInWithTheReasonItFellBack() {
        FallbackStandIn fallback =
                new FallbackStandIn(
                        Task.TASK_OCR,
                        "@mediapipe/objectron@1 was not fetched: npm is not available");

        try (LocalModelServer server =
                LocalModelServer.builder().model(RealModels.OCR, Task.TASK_OCR, fallback).build()) {
            assertThat(server.isReal(RealModels.OCR)).isFalse();
            assertThat(ModelList.lines(server))
                    .singleElement()
                    .asString()
                    .contains(
                            "local/tesseract-ocr/v1",
                            "ocr",
                            "stand-in (the real model is unavailable: @mediapipe/objectron@1 was"
                                    + " not fetched: npm is not available)");
        }
    }
}
