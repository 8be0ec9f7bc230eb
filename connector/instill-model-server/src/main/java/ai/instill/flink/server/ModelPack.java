package ai.instill.flink.server;

import ai.instill.flink.proto.common.task.v1alpha.Task;
import ai.instill.flink.server.models.ModelBackend;
import java.util.List;
import java.util.Objects;

/**
 * A set of named models that a library adds to the local server when it is on the class path, found
 * with {@link java.util.ServiceLoader} ({@code
 * META-INF/services/ai.instill.flink.server.ModelPack}) by {@link
 * LocalModelServer.Builder#withModelPacks()}.
 */
public interface ModelPack {

    /**
     * The pack's models in listing order. A model whose real backend cannot be loaded is still
     * listed, with a stand-in backend whose label says why.
     */
    List<PackedModel> models();

    /** One model of a pack: "namespace/model/version", its task and its backend. */
    record PackedModel(String name, Task task, ModelBackend backend) {
        public PackedModel {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(task, "task");
            Objects.requireNonNull(backend, "backend");
        }
    }
}
