package ai.instill.flink.examples.cli;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ConfigurationUtils;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.description.Formatter;
import org.apache.flink.configuration.description.TextElement;

/**
 * Describes options in words for help texts, errors and docs: the kind of value (named as in
 * docs/configuration.md), a value as Flink writes it, and the description as plain text.
 */
public final class OptionTypes {

    private OptionTypes() {}

    /**
     * The kind of value an option takes: string, int, long, double, boolean, duration, size, enum,
     * map or list&lt;…&gt;. Found by letting the option parse sample values, since Flink keeps an
     * option's class to itself.
     */
    public static String typeOf(ConfigOption<?> option) {
        if (ConfigurationUtils.canBePrefixMap(option)) {
            return "map";
        }
        for (String sample : List.of("true", "1")) {
            Object value = OptionParser.probe(option, option.key(), sample);
            if (value instanceof List<?> list) {
                return "list<" + name(list.get(0)) + ">";
            }
            if (value != null) {
                return name(value);
            }
        }
        // only enums refuse both samples
        return option.hasDefaultValue() && option.defaultValue() instanceof List
                ? "list<enum>"
                : "enum";
    }

    private static String name(Object value) {
        if (value instanceof Integer) {
            return "int";
        } else if (value instanceof Long) {
            return "long";
        } else if (value instanceof Double || value instanceof Float) {
            return "double";
        } else if (value instanceof Boolean) {
            return "boolean";
        } else if (value instanceof Duration) {
            return "duration";
        } else if (value instanceof MemorySize) {
            return "size";
        } else if (value instanceof Map) {
            return "map";
        } else if (value instanceof Enum) {
            return "enum";
        }
        return "string";
    }

    /** What a valid value looks like, for the error about an invalid one. */
    static String expected(ConfigOption<?> option, IllegalArgumentException refusal) {
        String type = typeOf(option);
        return switch (type.replace("list<", "").replace(">", "")) {
            case "int", "long" -> type.startsWith("list") ? "a list of integers" : "an integer";
            case "double" -> "a number";
            case "boolean" -> "true or false";
            case "duration" -> "a duration such as 500 ms, 30 s or 2 min";
            case "size" -> "a size such as 512 kb or 16 mb";
            case "enum" -> (type.startsWith("list") ? "a list of " : "one of ") + choices(refusal);
            default -> "a " + type;
        };
    }

    /** The enum constants listed in Flink's refusal ("Expected one of: [A, B]"). */
    private static String choices(Throwable refusal) {
        Throwable cause = refusal;
        while (cause != null) {
            String message = String.valueOf(cause.getMessage());
            int at = message.indexOf("Expected one of: ");
            if (at >= 0) {
                // Flink writes "[%s]" around Arrays.toString(...)
                String listed = message.substring(at + "Expected one of: ".length()).trim();
                return listed.startsWith("[[") && listed.endsWith("]]")
                        ? listed.substring(1, listed.length() - 1)
                        : listed;
            }
            cause = cause.getCause();
        }
        return "its values";
    }

    /** The default value as Flink writes it ({@code 10 s}, {@code exactly-once}), or "". */
    public static String format(ConfigOption<?> option) {
        return option.hasDefaultValue() ? formatValue(option, option.defaultValue()) : "";
    }

    /** A value as Flink writes it in a configuration. */
    @SuppressWarnings("unchecked")
    public static <T> String formatValue(ConfigOption<T> option, Object value) {
        Configuration config = new Configuration();
        config.set(option, (T) value);
        String text = config.toMap().get(option.key());
        return text == null ? "" : text;
    }

    /** The description as plain text. */
    public static String description(ConfigOption<?> option) {
        return new PlainText().format(option.description());
    }

    /** Formats a description without markup. */
    private static final class PlainText extends Formatter {
        @Override
        protected void formatLink(StringBuilder state, String link, String description) {
            state.append(description).append(" (").append(link).append(')');
        }

        @Override
        protected void formatLineBreak(StringBuilder state) {
            state.append(' ');
        }

        @Override
        protected void formatText(
                StringBuilder state,
                String format,
                String[] elements,
                EnumSet<TextElement.TextStyle> styles) {
            state.append(String.format(format, (Object[]) elements));
        }

        @Override
        protected void formatList(StringBuilder state, String[] entries) {
            state.append(String.join("; ", Arrays.asList(entries)));
        }

        @Override
        protected Formatter newInstance() {
            return new PlainText();
        }
    }
}
