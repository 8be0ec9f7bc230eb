package ai.instill.flink.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Draws the Grafana dashboard's panel layout (grid positions, titles, stat and time-series panels, units, legends) into
 * a PNG with the series that Prometheus recorded during a run of run-e2e.sh: a rendering of the layout with real
 * values, not a Grafana screenshot.
 *
 * <pre>
 * DashboardPreview DASHBOARD_JSON SERIES_DIR OUT_PNG CAPTION
 * </pre>
 *
 * SERIES_DIR holds one query_range answer per query, named {@code <panel id>-<refId>.json} (prometheus.sh writes them).
 */
public final class DashboardPreview {

    private static final int COLUMN = 62;
    private static final int ROW = 30;
    private static final int MARGIN = 16;
    private static final int HEADER = 92;
    private static final Color BACKGROUND = new Color(0x111217);
    private static final Color PANEL = new Color(0x181b1f);
    private static final Color BORDER = new Color(0x2c3235);
    private static final Color TEXT = new Color(0xccccdc);
    private static final Color DIM = new Color(0x8e8e99);
    private static final Color GRID = new Color(0x25282d);
    private static final Color[] PALETTE = {
        new Color(0x73bf69), new Color(0xf2cc0c), new Color(0x5794f2), new Color(0xff780a), new Color(0xb877d9),
        new Color(0x8ab8ff), new Color(0xf2495c), new Color(0x96d98d)
    };
    private static final Pattern LEGEND_LABEL = Pattern.compile("\\{\\{\\s*(\\w+)\\s*}}");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    /** One series of a query: its legend and its points (seconds, value). */
    private record Series(String legend, String refId, double[] times, double[] values) {}

    private DashboardPreview() {}

    public static void main(String[] args) throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(new File(args[0]));
        Path seriesDir = Path.of(args[1]);
        int rows = 0;
        for (JsonNode panel : dashboard.path("panels")) {
            rows = Math.max(rows, panel.path("gridPos").path("y").asInt() + panel.path("gridPos").path("h").asInt());
        }
        int width = 2 * MARGIN + 24 * COLUMN;
        int height = HEADER + rows * ROW + MARGIN;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(BACKGROUND);
        g.fillRect(0, 0, width, height);

        g.setColor(TEXT);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 20));
        g.drawString(dashboard.path("title").asText(), MARGIN, 32);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(DIM);
        g.drawString("A rendering of the panel layout of docker/grafana/dashboards/instill-connector.json with the series"
                + " Prometheus recorded during a run; not a Grafana screenshot.", MARGIN, 52);
        g.drawString(args.length > 3 ? args[3] : "", MARGIN, 68);
        g.setColor(TEXT);
        g.drawString("Data source: Prometheus     Job: All     Operator: All", MARGIN, 86);

        double[] range = timeRange(dashboard, seriesDir);
        for (JsonNode panel : dashboard.path("panels")) {
            JsonNode pos = panel.path("gridPos");
            int x = MARGIN + pos.path("x").asInt() * COLUMN;
            int y = HEADER + pos.path("y").asInt() * ROW;
            int w = pos.path("w").asInt() * COLUMN - 6;
            int h = pos.path("h").asInt() * ROW - 6;
            g.setColor(PANEL);
            g.fillRoundRect(x, y, w, h, 6, 6);
            g.setColor(BORDER);
            g.drawRoundRect(x, y, w, h, 6, 6);
            g.setColor(TEXT);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
            g.drawString(panel.path("title").asText(), x + 8, y + 18);
            List<Series> series = series(panel, seriesDir);
            if (panel.path("type").asText().equals("stat")) {
                drawStat(g, panel, series, x, y, w, h, range);
            } else {
                drawTimeSeries(g, panel, series, x, y, w, h, range);
            }
        }
        g.dispose();
        ImageIO.write(image, "png", new File(args[2]));
    }

    // ---- stat panels --------------------------------------------------------------------------------------------

    private static void drawStat(Graphics2D g, JsonNode panel, List<Series> series, int x, int y, int w, int h,
            double[] range) {
        double value = series.isEmpty() ? Double.NaN : last(series.get(0).values());
        JsonNode defaults = panel.path("fieldConfig").path("defaults");
        String text = Double.isNaN(value) ? "No data" : format(value, defaults.path("unit").asText());
        Color color = Double.isNaN(value) ? DIM : thresholdColor(defaults.path("thresholds"), value);
        for (JsonNode mapping : defaults.path("mappings")) {
            JsonNode option = mapping.path("options").path(String.valueOf((long) value));
            if (!Double.isNaN(value) && !option.isMissingNode()) {
                text = option.path("text").asText();
                color = named(option.path("color").asText());
            }
        }
        if (!series.isEmpty()) {
            Series s = series.get(0);
            drawLine(g, s, color.darker(), x + 4, y + h - 34, w - 8, 30, range, min(s.values()), max(s.values()));
        }
        g.setColor(color);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Double.isNaN(value) ? 18 : 30));
        FontMetrics metrics = g.getFontMetrics();
        g.drawString(text, x + (w - metrics.stringWidth(text)) / 2, y + h / 2 + 14);
    }

    // ---- time-series panels -------------------------------------------------------------------------------------

    private static void drawTimeSeries(Graphics2D g, JsonNode panel, List<Series> series, int x, int y, int w, int h,
            double[] range) {
        String unit = panel.path("fieldConfig").path("defaults").path("unit").asText();
        String rightRef = null;
        String rightUnit = unit;
        for (JsonNode override : panel.path("fieldConfig").path("overrides")) {
            rightRef = override.path("matcher").path("options").asText();
            for (JsonNode property : override.path("properties")) {
                if (property.path("id").asText().equals("unit")) {
                    rightUnit = property.path("value").asText();
                }
            }
        }
        int legendRows = (series.size() + 2) / 3;
        int left = x + 58;
        int plotWidth = w - 58 - (rightRef != null ? 58 : 14);
        int top = y + 30;
        int plotHeight = h - 30 - 22 - legendRows * 15;
        if (series.isEmpty()) {
            g.setColor(DIM);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
            g.drawString("No data", x + w / 2 - 26, y + h / 2 + 6);
            return;
        }
        double[] leftScale = scale(series, rightRef, false);
        double[] rightScale = scale(series, rightRef, true);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        for (int i = 0; i <= 4; i++) {
            int gy = top + plotHeight - i * plotHeight / 4;
            g.setColor(GRID);
            g.drawLine(left, gy, left + plotWidth, gy);
            g.setColor(DIM);
            String label = format(leftScale[0] + i * (leftScale[1] - leftScale[0]) / 4, unit);
            g.drawString(label, left - 6 - g.getFontMetrics().stringWidth(label), gy + 4);
            if (rightRef != null) {
                g.drawString(format(rightScale[0] + i * (rightScale[1] - rightScale[0]) / 4, rightUnit),
                        left + plotWidth + 6, gy + 4);
            }
        }
        for (int i = 0; i <= 3; i++) {
            double t = range[0] + i * (range[1] - range[0]) / 3;
            String label = CLOCK.format(Instant.ofEpochSecond((long) t));
            int tx = left + (int) (i * plotWidth / 3.0) - g.getFontMetrics().stringWidth(label) / 2;
            g.setColor(DIM);
            g.drawString(label, Math.max(left, Math.min(tx, left + plotWidth - 44)), top + plotHeight + 14);
        }
        int legendY = top + plotHeight + 30;
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            Color color = PALETTE[i % PALETTE.length];
            boolean right = s.refId().equals(rightRef);
            double[] sc = right ? rightScale : leftScale;
            drawLine(g, s, color, left, top, plotWidth, plotHeight, range, sc[0], sc[1]);
            int lx = x + 10 + (i % 3) * ((w - 20) / 3);
            int ly = legendY + (i / 3) * 15;
            g.setColor(color);
            g.fillRect(lx, ly - 8, 12, 3);
            g.setColor(TEXT);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            g.drawString(clip(g, s.legend() + (right ? " (right)" : ""), (w - 20) / 3 - 20), lx + 16, ly - 3);
        }
    }

    private static void drawLine(Graphics2D g, Series s, Color color, int left, int top, int width, int height,
            double[] range, double lo, double hi) {
        Path2D.Double path = new Path2D.Double();
        boolean drawing = false;
        for (int i = 0; i < s.times().length; i++) {
            double v = s.values()[i];
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                drawing = false;
                continue;
            }
            double px = left + (s.times()[i] - range[0]) / Math.max(1, range[1] - range[0]) * width;
            double py = top + height - (hi > lo ? (v - lo) / (hi - lo) : 0) * height;
            if (drawing) {
                path.lineTo(px, py);
            } else {
                path.moveTo(px, py);
                drawing = true;
            }
        }
        g.setColor(color);
        g.setStroke(new BasicStroke(1.6f));
        g.draw(path);
        g.setStroke(new BasicStroke(1f));
    }

    // ---- data ---------------------------------------------------------------------------------------------------

    private static List<Series> series(JsonNode panel, Path dir) throws IOException {
        List<Series> out = new ArrayList<>();
        for (JsonNode target : panel.path("targets")) {
            Path file = dir.resolve(panel.path("id").asInt() + "-" + target.path("refId").asText() + ".json");
            if (!Files.exists(file)) {
                continue;
            }
            for (JsonNode result : new ObjectMapper().readTree(file.toFile()).path("data").path("result")) {
                JsonNode values = result.path("values");
                double[] times = new double[values.size()];
                double[] points = new double[values.size()];
                for (int i = 0; i < values.size(); i++) {
                    times[i] = values.get(i).get(0).asDouble();
                    points[i] = parse(values.get(i).get(1).asText());
                }
                out.add(new Series(legend(target.path("legendFormat").asText(), result.path("metric")),
                        target.path("refId").asText(), times, points));
            }
        }
        return out;
    }

    private static double[] timeRange(JsonNode dashboard, Path dir) throws IOException {
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (JsonNode panel : dashboard.path("panels")) {
            for (Series s : series(panel, dir)) {
                if (s.times().length > 0) {
                    lo = Math.min(lo, s.times()[0]);
                    hi = Math.max(hi, s.times()[s.times().length - 1]);
                }
            }
        }
        return new double[] {lo, hi};
    }

    private static double[] scale(List<Series> series, String rightRef, boolean right) {
        double hi = 0;
        for (Series s : series) {
            if (s.refId().equals(rightRef) == right) {
                hi = Math.max(hi, max(s.values()));
            }
        }
        return new double[] {0, hi <= 0 ? 1 : hi * 1.1};
    }

    private static String legend(String format, JsonNode labels) {
        if (format.isEmpty()) {
            return labels.toString();
        }
        Matcher m = LEGEND_LABEL.matcher(format);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(labels.path(m.group(1)).asText()));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static double parse(String value) {
        return switch (value) {
            case "NaN" -> Double.NaN;
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(value);
        };
    }

    private static double last(double[] values) {
        for (int i = values.length - 1; i >= 0; i--) {
            if (!Double.isNaN(values[i])) {
                return values[i];
            }
        }
        return Double.NaN;
    }

    private static double max(double[] values) {
        double max = 0;
        for (double v : values) {
            if (!Double.isNaN(v) && !Double.isInfinite(v)) {
                max = Math.max(max, v);
            }
        }
        return max;
    }

    private static double min(double[] values) {
        double min = Double.MAX_VALUE;
        for (double v : values) {
            if (!Double.isNaN(v) && !Double.isInfinite(v)) {
                min = Math.min(min, v);
            }
        }
        return min == Double.MAX_VALUE ? 0 : Math.min(min, 0);
    }

    // ---- units and colours --------------------------------------------------------------------------------------

    private static String format(double v, String unit) {
        return switch (unit) {
            case "reqps" -> number(v) + " req/s";
            case "ms" -> number(v) + " ms";
            case "s" -> number(v) + " s";
            case "percentunit" -> number(v * 100) + "%";
            case "bytes" -> v >= 1 << 20 ? number(v / (1 << 20)) + " MiB" : v >= 1024 ? number(v / 1024) + " KiB"
                    : number(v) + " B";
            default -> number(v);
        };
    }

    private static String number(double v) {
        if (Math.abs(v) >= 1000) {
            return String.format(Locale.ROOT, "%.1fK", v / 1000);
        }
        return Math.abs(v) >= 10 || v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v)
                : String.format(Locale.ROOT, "%.2f", v);
    }

    private static Color thresholdColor(JsonNode thresholds, double value) {
        Color color = named("green");
        for (JsonNode step : thresholds.path("steps")) {
            if (step.path("value").isNull() || value >= step.path("value").asDouble()) {
                color = named(step.path("color").asText());
            }
        }
        return color;
    }

    private static Color named(String name) {
        return Map.of("green", PALETTE[0], "red", PALETTE[6], "orange", PALETTE[3], "yellow", PALETTE[1])
                .getOrDefault(name, TEXT);
    }

    private static String clip(Graphics2D g, String text, int width) {
        FontMetrics metrics = g.getFontMetrics();
        if (metrics.stringWidth(text) <= width) {
            return text;
        }
        String clipped = text;
        while (clipped.length() > 1 && metrics.stringWidth(clipped + "…") > width) {
            clipped = clipped.substring(0, clipped.length() - 1);
        }
        return clipped + "…";
    }
}
