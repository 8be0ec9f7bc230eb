package ai.instill.flink.examples;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads {@code --name value} command-line flags. */
final class Flags {
    private Flags() {}

    /** The last value of every flag. */
    static Map<String, String> parse(String[] args) {
        Map<String, String> flags = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException(
                        "Unexpected argument '" + args[i] + "'; flags look like --name value");
            }
            if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                flags.put(args[i], args[++i]);
            } else {
                flags.put(args[i], "true");
            }
        }
        return flags;
    }

    /** Every value of a repeatable flag. */
    static List<String> all(String[] args, String name) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                values.add(args[i + 1]);
            }
        }
        return values;
    }
}
