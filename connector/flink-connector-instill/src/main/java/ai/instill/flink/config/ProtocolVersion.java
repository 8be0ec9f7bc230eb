package ai.instill.flink.config;

import static org.apache.flink.configuration.description.TextElement.text;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.DescribedEnum;
import org.apache.flink.configuration.description.InlineElement;

/**
 * The generation of the Instill Model gRPC API that the server speaks; the two are not
 * wire-compatible.
 *
 * <p>Both take task inputs as {@code google.protobuf.Struct}, which is what the connector sends.
 * {@link #MODEL_MODEL_V1ALPHA} covers Instill Core v0.40.0-beta to v0.58.1 (model-backend
 * 0.30.0-alpha to v0.38.5); older servers (typed task inputs, model-backend 0.29 and before) are
 * not supported. The whole range is in docs/deployment.md, section "Instill Model versions".
 */
@PublicEvolving
public enum ProtocolVersion implements DescribedEnum {
    /**
     * Package {@code model.model.v1alpha}, {@code TriggerNamespaceModel}: Instill Core v0.40.0-beta
     * (2024-09-11) to v0.58.1 (2025-10-14), model-backend 0.30.0-alpha to v0.38.5, and Instill
     * Cloud. The default.
     */
    MODEL_MODEL_V1ALPHA(
            "Package model.model.v1alpha (TriggerNamespaceModel): Instill Core v0.40.0-beta to"
                    + " v0.58.1 (model-backend 0.30.0-alpha to v0.38.5) and Instill Cloud. The"
                    + " default."),
    /**
     * Package {@code model.v1alpha}, {@code TriggerModelVersion} with resource names: model-backend
     * built from {@code main} since 2026-01-18 (no release yet).
     */
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
