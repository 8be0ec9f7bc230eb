package ai.instill.flink.docker.testutils;

import ai.instill.flink.docker.testutils.PromQuery.LabelMatcher;
import ai.instill.flink.docker.testutils.PromQuery.Selector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scrape of a Prometheus endpoint in the text exposition format, and which of a query's
 * selectors it has series for.
 */
public final class PrometheusScrape {
    private static final Pattern LINE =
            Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+\\d+)?$");
    private static final Pattern LABEL =
            Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    /** One sample: a metric name, its labels and its value as written. */
    public record Sample(String name, Map<String, String> labels, String value) {}

    /** Something a query names that the scrape does not have. */
    public record Gap(String metric, boolean metricMissing, String detail) {}

    private final List<Sample> samples;

    private PrometheusScrape(List<Sample> samples) {
        this.samples = samples;
    }

    public static PrometheusScrape parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line.strip());
            if (!m.matches()) {
                throw new IllegalArgumentException("not a sample line: " + line);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(2) != null) {
                Matcher label = LABEL.matcher(m.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            samples.add(new Sample(m.group(1), Map.copyOf(labels), m.group(3)));
        }
        return new PrometheusScrape(List.copyOf(samples));
    }

    public List<Sample> samples() {
        return samples;
    }

    /** The samples a selector selects: Grafana variables match any value of their label. */
    public List<Sample> select(Selector selector) {
        return samples.stream()
                .filter(s -> selector.name() == null || s.name().equals(selector.name()))
                .filter(s -> selector.matchers().stream().allMatch(m -> matches(m, s)))
                .toList();
    }

    /**
     * What the query names that this scrape lacks: a selector without any series (and whether its
     * metric is missing altogether), or a grouping label its series do not carry.
     */
    public List<Gap> gaps(PromQuery query) {
        List<Gap> gaps = new ArrayList<>();
        for (Selector selector : query.selectors()) {
            List<Sample> selected = select(selector);
            if (selected.isEmpty()) {
                Selector byName =
                        new Selector(
                                selector.name(),
                                selector.matchers().stream()
                                        .filter(m -> m.label().equals("__name__"))
                                        .toList());
                boolean metricMissing = select(byName).isEmpty();
                gaps.add(
                        new Gap(
                                selector.describe(),
                                metricMissing,
                                metricMissing
                                        ? "no such metric"
                                        : "no series with " + selector.matchers()));
                continue;
            }
            for (String label : query.groupingLabels()) {
                if (selected.stream().noneMatch(s -> s.labels().containsKey(label))) {
                    gaps.add(
                            new Gap(
                                    selector.describe(),
                                    false,
                                    "no label '" + label + "' to group by"));
                }
            }
        }
        return gaps;
    }

    private static boolean matches(LabelMatcher matcher, Sample sample) {
        String actual =
                matcher.label().equals("__name__")
                        ? sample.name()
                        : sample.labels().get(matcher.label());
        if (matcher.templated()) {
            return actual != null;
        }
        String value = actual == null ? "" : actual;
        return switch (matcher.op()) {
            case "=" -> value.equals(matcher.value());
            case "!=" -> !value.equals(matcher.value());
            case "=~" -> value.matches(matcher.value());
            case "!~" -> !value.matches(matcher.value());
            default -> throw new IllegalArgumentException("matcher " + matcher);
        };
    }
}
