package ai.instill.flink.docker.testutils;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The series selectors and grouping labels of one PromQL expression, read with a small tokenizer
 * that knows strings, ranges, functions and the grouping keywords: enough to tell which metrics and
 * labels a dashboard query names, not a PromQL parser.
 */
public record PromQuery(String expr, List<Selector> selectors, Set<String> groupingLabels) {

    private static final Set<String> GROUPING = Set.of("by", "without", "on", "ignoring");
    private static final Set<String> KEYWORDS =
            Set.of(
                    "by",
                    "without",
                    "on",
                    "ignoring",
                    "group_left",
                    "group_right",
                    "bool",
                    "and",
                    "or",
                    "unless",
                    "offset");
    // aggregations may put their grouping between the name and the parenthesis: sum by (x) (…)
    private static final Set<String> AGGREGATIONS =
            Set.of(
                    "sum",
                    "min",
                    "max",
                    "avg",
                    "group",
                    "stddev",
                    "stdvar",
                    "count",
                    "count_values",
                    "bottomk",
                    "topk",
                    "quantile",
                    "limitk",
                    "limit_ratio");
    private static final Pattern LABEL_VALUES =
            Pattern.compile("^\\s*label_values\\((.*),\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*\\)\\s*$");
    private static final Pattern MATCHER =
            Pattern.compile(
                    "\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*,?");
    // label_replace(v, "dst", "$1", ...): the destination label is made by the query, not scraped
    private static final Pattern LABEL_REPLACE_DESTINATION =
            Pattern.compile("\"([a-zA-Z_][a-zA-Z0-9_]*)\"\\s*,\\s*\"\\$\\d+\"");

    /** One label matcher of a selector: {@code label op "value"}. */
    public record LabelMatcher(String label, String op, String value) {
        /** A value with a Grafana variable ({@code $job_name}) only asks for the label. */
        public boolean templated() {
            return value.contains("$");
        }
    }

    /** A series selector: a metric name, or a {@code __name__} matcher, and label matchers. */
    public record Selector(String name, List<LabelMatcher> matchers) {
        /** What the selector names, for messages: the metric name or its name pattern. */
        public String describe() {
            if (name != null) {
                return name;
            }
            return matchers.stream()
                    .filter(m -> m.label().equals("__name__"))
                    .map(m -> "{__name__" + m.op() + "\"" + m.value() + "\"}")
                    .findFirst()
                    .orElse("{…}");
        }
    }

    /**
     * Reads an expression; a Grafana variable query {@code label_values(selector, label)} counts as
     * the selector grouped by the label.
     */
    public static PromQuery parse(String expr) {
        Matcher labelValues = LABEL_VALUES.matcher(expr);
        if (labelValues.matches()) {
            PromQuery inner = parse(labelValues.group(1));
            Set<String> labels = new LinkedHashSet<>(inner.groupingLabels());
            labels.add(labelValues.group(2));
            return new PromQuery(expr, inner.selectors(), labels);
        }
        List<Selector> selectors = new ArrayList<>();
        Set<String> grouping = new LinkedHashSet<>();
        int i = 0;
        while (i < expr.length()) {
            char c = expr.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = endOfString(expr, i);
            } else if (c == '[') {
                i = expr.indexOf(']', i) + 1; // a range or subquery: durations only
            } else if (c == '{') {
                int end = endOfBraces(expr, i);
                selectors.add(new Selector(null, matchers(expr.substring(i + 1, end))));
                i = end + 1;
            } else if (Character.isLetter(c) || c == '_' || c == ':') {
                int end = i;
                while (end < expr.length() && isIdentifierPart(expr.charAt(end))) {
                    end++;
                }
                String word = expr.substring(i, end);
                int next = skipSpaces(expr, end);
                if (GROUPING.contains(word) && next < expr.length() && expr.charAt(next) == '(') {
                    int close = expr.indexOf(')', next);
                    for (String label : expr.substring(next + 1, close).split(",")) {
                        if (!label.isBlank()) {
                            grouping.add(label.strip());
                        }
                    }
                    i = close + 1;
                } else if (KEYWORDS.contains(word)
                        || AGGREGATIONS.contains(word)
                        || (next < expr.length() && expr.charAt(next) == '(')) {
                    i = end; // a function, an aggregation or an operator keyword
                } else if (next < expr.length() && expr.charAt(next) == '{') {
                    int close = endOfBraces(expr, next);
                    selectors.add(new Selector(word, matchers(expr.substring(next + 1, close))));
                    i = close + 1;
                } else {
                    selectors.add(new Selector(word, List.of()));
                    i = end;
                }
            } else if (Character.isDigit(c)) {
                while (i < expr.length()
                        && (Character.isLetterOrDigit(expr.charAt(i)) || expr.charAt(i) == '.')) {
                    i++; // a number, including 1e3 and durations such as 5m
                }
            } else {
                i++;
            }
        }
        Matcher made = LABEL_REPLACE_DESTINATION.matcher(expr);
        while (made.find()) {
            grouping.remove(made.group(1));
        }
        return new PromQuery(expr, List.copyOf(selectors), Set.copyOf(grouping));
    }

    private static List<LabelMatcher> matchers(String body) {
        List<LabelMatcher> matchers = new ArrayList<>();
        Matcher m = MATCHER.matcher(body);
        int at = 0;
        while (at < body.length() && m.find(at) && m.start() == at) {
            matchers.add(new LabelMatcher(m.group(1), m.group(2), m.group(3)));
            at = m.end();
        }
        if (!body.substring(at).isBlank()) {
            throw new IllegalArgumentException("cannot read the label matchers {" + body + "}");
        }
        return matchers;
    }

    private static int endOfString(String expr, int start) {
        char quote = expr.charAt(start);
        int i = start + 1;
        while (i < expr.length() && expr.charAt(i) != quote) {
            i += expr.charAt(i) == '\\' ? 2 : 1;
        }
        return i + 1;
    }

    private static int endOfBraces(String expr, int open) {
        int i = open + 1;
        while (expr.charAt(i) != '}') {
            i = expr.charAt(i) == '"' ? endOfString(expr, i) : i + 1;
        }
        return i;
    }

    private static int skipSpaces(String expr, int i) {
        while (i < expr.length() && Character.isWhitespace(expr.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == ':';
    }
}
