package ai.instill.flink.server;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registered model versions, looked up the ways the RPCs need; the latest version is the last
 * registered.
 */
final class ModelCatalog {

    private final Map<String, ServedModel> byName = new LinkedHashMap<>();
    private final Map<String, List<ServedModel>> byModel = new LinkedHashMap<>();

    ModelCatalog(Collection<ServedModel> models) {
        for (ServedModel served : models) {
            byName.put(served.name().toString(), served);
            byModel.computeIfAbsent(
                            key(served.name().namespace(), served.name().model()),
                            k -> new ArrayList<>())
                    .add(served);
        }
    }

    Optional<ServedModel> byName(String namespaceModelVersion) {
        return Optional.ofNullable(byName.get(namespaceModelVersion));
    }

    Optional<ServedModel> version(String namespace, String model, String version) {
        return versions(namespace, model).stream()
                .filter(m -> m.name().version().equals(version))
                .findFirst();
    }

    /** All versions of a model in registration order; empty when the model is unknown. */
    List<ServedModel> versions(String namespace, String model) {
        return Collections.unmodifiableList(byModel.getOrDefault(key(namespace, model), List.of()));
    }

    Optional<ServedModel> latest(String namespace, String model) {
        List<ServedModel> versions = versions(namespace, model);
        return versions.isEmpty()
                ? Optional.empty()
                : Optional.of(versions.get(versions.size() - 1));
    }

    Collection<ServedModel> all() {
        return Collections.unmodifiableCollection(byName.values());
    }

    private static String key(String namespace, String model) {
        return namespace + "/" + model;
    }
}
