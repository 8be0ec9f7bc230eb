package ai.instill.flink.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes what a server serves, one line per model: name, task and backend ({@code real: <model>} or
 * {@code stand-in}), for the server's start-up banner and the demo's.
 */
public final class ModelList {

    private ModelList() {}

    /** One aligned line per served model, in registration order. */
    public static List<String> lines(LocalModelServer server) {
        int nameWidth = 0;
        for (String name : server.modelNames()) {
            nameWidth = Math.max(nameWidth, name.length());
        }
        List<String> lines = new ArrayList<>();
        for (String name : server.modelNames()) {
            lines.add(
                    String.format(
                            Locale.ROOT,
                            "  %-" + nameWidth + "s  %-22s  %s",
                            name,
                            taskName(server, name),
                            server.backend(name)));
        }
        return lines;
    }

    /** How many served models have a real backend. */
    public static long realCount(LocalModelServer server) {
        return server.modelNames().stream().filter(server::isReal).count();
    }

    private static String taskName(LocalModelServer server, String name) {
        return server.task(name)
                .name()
                .substring("TASK_".length())
                .toLowerCase(Locale.ROOT)
                .replace('_', '-');
    }
}
