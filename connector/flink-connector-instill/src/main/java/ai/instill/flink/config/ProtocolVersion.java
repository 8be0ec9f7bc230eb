package ai.instill.flink.config;

import static org.apache.flink.configuration.description.TextElement.text;

import org.apache.flink.configuration.DescribedEnum;
import org.apache.flink.configuration.description.InlineElement;

/**
 * The generation of the Instill Model gRPC API that the server speaks; the two are not
 * wire-compatible.
 */
public enum ProtocolVersion implements DescribedEnum {
    MODEL_MODEL_V1ALPHA(
            "Package model.model.v1alpha (TriggerNamespaceModel): every released Instill Core up to"
                    + " v0.38 and Instill Cloud. The default."),
    MODEL_V1ALPHA(
            "Package model.v1alpha (TriggerModelVersion with resource names"
                + " namespaces/{ns}/models/{m}/versions/{v}): model-backend builds from 2026 on.");

    private final String description;

    ProtocolVersion(String description) {
        this.description = description;
    }

    @Override
    public InlineElement getDescription() {
        return text(description);
    }
}
