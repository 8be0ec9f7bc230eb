package ai.instill.flink.examples.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ConfigurationUtils;
import org.apache.flink.configuration.GlobalConfiguration;

/**
 * Turns command-line flags ({@code --key value}, {@code --key=value}) and a properties file into a
 * Flink {@link Configuration} of known options: an unknown key is refused with the nearest valid
 * one, each value is checked by its option, and a repeated flag of a list option adds to the list.
 */
public final class OptionParser {

    /** The flag that reads more options from a file; the flags beside it win over the file. */
    public static final ConfigOption<String> PROPERTIES =
            ConfigOptions.key("properties")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "A properties file (key=value lines) with more options; flags given"
                                    + " beside it win over the file.");

    private final Map<String, ConfigOption<?>> options = new LinkedHashMap<>();

    /** A parser that knows these options ({@code mapType()} options also take {@code key.*}). */
    public OptionParser(Collection<? extends ConfigOption<?>> options) {
        for (ConfigOption<?> option : options) {
            if (this.options.put(option.key(), option) != null) {
                throw new IllegalArgumentException("option '" + option.key() + "' given twice");
            }
        }
    }

    /** The options this parser knows, in the order they were given. */
    public Collection<ConfigOption<?>> options() {
        return options.values();
    }

    /**
     * Reads the flags; {@code --properties FILE} loads a file first.
     *
     * @throws IllegalArgumentException with a one-line message for the user
     */
    public Configuration parse(String... args) {
        Map<String, List<String>> flags = new LinkedHashMap<>();
        String file = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new IllegalArgumentException(
                        "unexpected argument '" + arg + "'; options look like --key value");
            }
            String key = arg.substring(2);
            String value = null;
            int equals = key.indexOf('=');
            if (equals >= 0) {
                value = key.substring(equals + 1);
                key = key.substring(0, equals);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                value = args[++i];
            }
            if (key.equals(PROPERTIES.key())) {
                if (value == null || file != null) {
                    throw new IllegalArgumentException("--properties takes one file");
                }
                file = value;
                continue;
            }
            ConfigOption<?> option = known(key, Source.FLAGS);
            if (value == null) {
                if (!Boolean.TRUE.equals(probe(option, key, "true"))) {
                    throw new IllegalArgumentException("option '--" + key + "' needs a value");
                }
                value = "true";
            }
            flags.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Source> sources = new LinkedHashMap<>();
        if (file != null) {
            Source source = Source.file(file);
            readProperties(Path.of(file))
                    .forEach(
                            (key, value) -> {
                                known(key, source);
                                values.put(key, value);
                                sources.put(key, source);
                            });
        }
        flags.forEach(
                (key, given) -> {
                    values.put(key, join(key, given));
                    sources.put(key, Source.FLAGS);
                });
        return check(values, sources);
    }

    /**
     * Reads options given as a map of keys to text values, as in a properties file.
     *
     * @throws IllegalArgumentException with a one-line message for the user
     */
    public Configuration parse(Map<String, String> values) {
        Map<String, Source> sources = new LinkedHashMap<>();
        values.keySet().forEach(key -> sources.put(key, Source.MAP));
        values.keySet().forEach(key -> known(key, Source.MAP));
        return check(new LinkedHashMap<>(values), sources);
    }

    private Configuration check(Map<String, String> values, Map<String, Source> sources) {
        Configuration config = Configuration.fromMap(values);
        for (String key : values.keySet()) {
            ConfigOption<?> option = known(key, sources.get(key));
            try {
                config.get(option);
            } catch (IllegalArgumentException e) {
                Source source = sources.get(key);
                throw new IllegalArgumentException(
                        "option "
                                + source.name(key)
                                + source.where()
                                + " takes "
                                + OptionTypes.expected(option, e)
                                + ", got "
                                + (GlobalConfiguration.isSensitive(key)
                                        ? "an invalid value"
                                        : "'" + values.get(key) + "'"));
            }
        }
        return config;
    }

    /** The option of a key (or of its prefix, for a map option), or a refusal with a suggestion. */
    private ConfigOption<?> known(String key, Source source) {
        ConfigOption<?> option = options.get(key);
        if (option != null) {
            return option;
        }
        for (ConfigOption<?> map : options.values()) {
            if (key.startsWith(map.key() + ".") && ConfigurationUtils.canBePrefixMap(map)) {
                return map;
            }
        }
        String nearest = Suggestions.nearest(key, options.keySet());
        throw new IllegalArgumentException(
                "unknown option "
                        + source.name(key)
                        + source.where()
                        + (nearest == null
                                ? "; --help lists the options"
                                : "; did you mean " + source.name(nearest) + "?"));
    }

    /** The flag's values as one text: a list option's values joined the way Flink reads lists. */
    private String join(String key, List<String> given) {
        if (given.size() == 1) {
            return given.get(0);
        }
        ConfigOption<?> option = known(key, Source.FLAGS);
        if (!(probe(option, key, given.get(0)) instanceof List)) {
            throw new IllegalArgumentException(
                    "option '--"
                            + key
                            + "' is given "
                            + given.size()
                            + " times; it takes one value");
        }
        List<String> quoted = new ArrayList<>();
        for (String value : given) {
            quoted.add(
                    value.contains(";") || value.contains("'") || value.contains("\"")
                            ? "'" + value.replace("'", "''") + "'"
                            : value);
        }
        return String.join(";", quoted);
    }

    /** What the option makes of a text value, or null if it refuses it. */
    static Object probe(ConfigOption<?> option, String key, String value) {
        try {
            return Configuration.fromMap(Map.of(key, value)).get(option);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Map<String, String> readProperties(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "cannot read the properties file " + file + ": " + e.getMessage());
        }
        Map<String, String> values = new LinkedHashMap<>();
        properties
                .stringPropertyNames()
                .forEach(key -> values.put(key.trim(), properties.getProperty(key).trim()));
        return values;
    }

    /** The help text: every option with its type, default and description. */
    public String usage() {
        StringBuilder out = new StringBuilder();
        for (ConfigOption<?> option : options.values()) {
            String name =
                    "--"
                            + option.key()
                            + (ConfigurationUtils.canBePrefixMap(option) ? ".<property>" : "");
            out.append(String.format("  %-30s %s", name, OptionTypes.typeOf(option)));
            String defaultValue = OptionTypes.format(option);
            if (!defaultValue.isEmpty()) {
                out.append(", default ").append(defaultValue);
            }
            out.append(System.lineSeparator())
                    .append("      ")
                    .append(OptionTypes.description(option))
                    .append(System.lineSeparator());
        }
        out.append(String.format("  %-30s %s%n", "--properties FILE", "string"))
                .append("      ")
                .append(OptionTypes.description(PROPERTIES))
                .append(System.lineSeparator());
        return out.toString();
    }

    /** Where a key came from, for naming it the way the user wrote it. */
    private record Source(String dashes, String where) {
        static final Source FLAGS = new Source("--", "");
        static final Source MAP = new Source("", "");

        static Source file(String file) {
            return new Source("", " in " + file);
        }

        String name(String key) {
            return "'" + dashes + key + "'";
        }
    }
}
