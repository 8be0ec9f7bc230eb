package ai.instill.flink.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ModelNameTest {

    @Test
    void parsesNamespaceModelAndVersion() {
        ModelName name = ModelName.parse("acme/yolov7/v0.1.0");
        assertThat(name).isEqualTo(new ModelName("acme", "yolov7", "v0.1.0"));
        assertThat(name.versionResource())
                .isEqualTo("namespaces/acme/models/yolov7/versions/v0.1.0");
        assertThat(name.toString()).isEqualTo("acme/yolov7/v0.1.0");
    }

    @Test
    void twoSegmentsMeanTheLatestVersion() {
        ModelName name = ModelName.parse("acme/yolov7");
        assertThat(name.version()).isNull();
        assertThat(name.modelResource()).isEqualTo("namespaces/acme/models/yolov7");
    }

    @Test
    void refusesOtherShapes() {
        assertThatThrownBy(() -> ModelName.parse("yolov7"))
                .hasMessageContaining("namespace/model/version");
        assertThatThrownBy(() -> ModelName.parse("a/b/c/d"))
                .hasMessageContaining("namespace/model/version");
        assertThatThrownBy(() -> ModelName.parse("acme//v1"))
                .hasMessageContaining("model is empty");
        assertThatThrownBy(() -> ModelName.parse(null)).hasMessageContaining("required");
    }
}
