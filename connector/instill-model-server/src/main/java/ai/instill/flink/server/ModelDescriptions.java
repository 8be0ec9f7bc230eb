package ai.instill.flink.server;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The model metadata both generations report the same way: uid, description and version list. */
final class ModelDescriptions {

    static final String DESCRIPTION =
            "Served by the local Instill Model test server with deterministic stand-in models (not"
                    + " real AI).";

    private ModelDescriptions() {}

    /** A UUID derived from the model's resource name, stable across runs. */
    static String uid(ServedModel model) {
        return UUID.nameUUIDFromBytes(model.name().resourceName().getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    static List<String> versionTags(List<ServedModel> versions) {
        List<String> tags = new ArrayList<>();
        for (ServedModel version : versions) {
            tags.add(version.name().version());
        }
        return tags;
    }

    static String stateMessage(ServedModel model, WarmthState state) {
        return switch (state) {
            case OFFLINE ->
                    "stand-in model "
                            + model.name()
                            + " is offline until the first trigger (cold start)";
            case STARTING ->
                    "stand-in model " + model.name() + " is starting (cold start in progress)";
            case ACTIVE -> "stand-in model " + model.name() + " is active";
        };
    }

    /** Records the current call's header counts on every given version. */
    static void recordHeaders(List<ServedModel> versions) {
        for (ServedModel version : versions) {
            version.stats().headersSeen(CallHeadersInterceptor.currentCounts());
        }
    }
}
