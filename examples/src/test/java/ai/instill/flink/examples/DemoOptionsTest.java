package ai.instill.flink.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.instill.flink.config.InstillOptions;
import ai.instill.flink.examples.cli.OptionParser;
import ai.instill.flink.examples.kafka.KafkaJobOptions;
import ai.instill.flink.examples.kafka.KafkaJobOptions.Delivery;
import ai.instill.flink.task.InstillTask;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

class DemoOptionsTest {

    private static final OptionParser DEMO = new OptionParser(DemoOptions.demo());

    @Test
    void theDemoRunsWithoutFlags() {
        Configuration options = DEMO.parse();

        assertThat(options.get(DemoOptions.RECORDS)).isEqualTo(200);
        assertThat(options.get(KafkaJobOptions.DELIVERY)).isEqualTo(Delivery.EXACTLY_ONCE);
        assertThat(options.get(DemoOptions.TASKS)).isEmpty();
        assertThat(options.getOptional(DemoOptions.ENDPOINT)).isEmpty();
        assertThat(options.getOptional(DemoOptions.MODELS)).isEmpty();
    }

    @Test
    void repeatedModelFlagsGiveOneModelPerTask() {
        Configuration options =
                DEMO.parse(
                        "--endpoint",
                        "https://api.instill-ai.com",
                        "--token-env",
                        "INSTILL_API_TOKEN",
                        "--model",
                        "detection=acme/yolov7/v0.1.0",
                        "--model=text-generation=acme/llama;v1",
                        "--tasks",
                        "DETECTION;text_generation",
                        "--records",
                        "20",
                        "--delivery",
                        "at-least-once");

        assertThat(DemoOptions.models(options.get(DemoOptions.MODELS)))
                .isEqualTo(
                        Map.of(
                                InstillTask.DETECTION,
                                "acme/yolov7/v0.1.0",
                                InstillTask.TEXT_GENERATION,
                                "acme/llama;v1"));
        assertThat(options.get(DemoOptions.TASKS))
                .containsExactly(InstillTask.DETECTION, InstillTask.TEXT_GENERATION);
        assertThat(DemoOptions.tokenSource(options))
                .isEqualTo(Map.of(InstillOptions.AUTH_TOKEN_ENV, "INSTILL_API_TOKEN"));
        assertThat(options.get(DemoOptions.RECORDS)).isEqualTo(20);
        assertThat(options.get(KafkaJobOptions.DELIVERY)).isEqualTo(Delivery.AT_LEAST_ONCE);
    }

    @Test
    void aModelWithoutItsTaskIsRefusedInOneLine() {
        List<String> models = DEMO.parse("--model", "detection").get(DemoOptions.MODELS);

        assertThatThrownBy(() -> DemoOptions.models(models))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "option '--model' takes TASK=namespace/model/version, for example"
                                + " detection=acme/yolov7/v0.1.0; got 'detection'");
        assertThatThrownBy(() -> DemoOptions.models(List.of("poetry=acme/bard/v1")))
                .hasMessageStartingWith("option '--model': Unknown task 'poetry'")
                .hasMessageNotContaining("\n");
    }

    @Test
    void mistypedFlagsAreRefusedWithTheNearestOne() {
        assertThatThrownBy(() -> DEMO.parse("--recrods", "5"))
                .hasMessage("unknown option '--recrods'; did you mean '--records'?");
        assertThatThrownBy(() -> DEMO.parse("--records", "many"))
                .hasMessage("option '--records' takes an integer, got 'many'");
        assertThatThrownBy(() -> DEMO.parse("--tokenenv", "X"))
                .hasMessage("unknown option '--tokenenv'; did you mean '--token-env'?");
        assertThatThrownBy(() -> DEMO.parse("--colour", "red"))
                .hasMessage("unknown option '--colour'; --help lists the options");
    }

    @Test
    void theTourTakesTheSameModelFlag() {
        Configuration options =
                new OptionParser(DemoOptions.tour())
                        .parse("--endpoint", "localhost:8080", "--model", "ocr=acme/paddle/v1");

        assertThat(DemoOptions.models(options.get(DemoOptions.MODELS)))
                .containsEntry(InstillTask.OCR, "acme/paddle/v1");
        assertThatThrownBy(() -> new OptionParser(DemoOptions.tour()).parse("--records", "3"))
                .hasMessageStartingWith("unknown option '--records'");
    }
}
