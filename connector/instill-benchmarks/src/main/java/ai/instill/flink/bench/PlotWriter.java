package ai.instill.flink.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.DoubleStream;
import javax.imageio.ImageIO;

/**
 * Draws the benchmark's figures with Java2D (no plotting library): throughput.png (throughput
 * against records in flight with the bound C/L, against batch size, and the side-by-side comparison
 * per latency) and latency.png (added latency p50 and p99 against the offered load, a panel per
 * per-call latency); log scales throughout.
 */
final class PlotWriter {
    private static final Color[] PALETTE = {
        new Color(0x1f77b4),
        new Color(0xd62728),
        new Color(0x2ca02c),
        new Color(0x9467bd),
        new Color(0xff7f0e),
        new Color(0x8c564b),
        new Color(0x7f7f7f)
    };
    private static final Stroke DASHED =
            new BasicStroke(
                    1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0);

    private PlotWriter() {}

    /** Writes throughput.png into {@code dir}, and latency.png if there are open-loop runs. */
    /** The groups that throughput.png draws; a run of none of them draws nothing. */
    private static final List<String> THROUGHPUT_GROUPS =
            List.of("in-flight", "batch-size", "side-by-side");

    static void writeAll(Path dir, List<Measurement> results) throws IOException {
        if (results.stream().anyMatch(m -> THROUGHPUT_GROUPS.contains(m.scenario().group()))) {
            write(dir.resolve("throughput.png"), results);
        }
        List<Measurement> latency = results.stream().filter(m -> m.scenario().openLoop()).toList();
        if (!latency.isEmpty()) {
            writeLatency(dir.resolve("latency.png"), latency);
        }
    }

    static void write(Path file, List<Measurement> results) throws IOException {
        BufferedImage image = canvas(1650, 560);
        Graphics2D g = image.createGraphics();
        smooth(g);
        inFlightPanel(g, new Rectangle(70, 50, 440, 400), results);
        batchPanel(g, new Rectangle(620, 50, 440, 400), results);
        sideBySidePanel(g, new Rectangle(1160, 50, 440, 400), results);
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    /** Added latency p50 (solid) and p99 (dashed) per variant against load, a panel per L. */
    static void writeLatency(Path file, List<Measurement> latency) throws IOException {
        List<Double> latencies =
                latency.stream()
                        .map(m -> m.scenario().latencyMs())
                        .distinct()
                        .sorted(Comparator.reverseOrder())
                        .toList();
        BufferedImage image = canvas(110 + 550 * latencies.size(), 620);
        Graphics2D g = image.createGraphics();
        smooth(g);
        for (int i = 0; i < latencies.size(); i++) {
            double l = latencies.get(i);
            Map<String, List<double[]>> series = new LinkedHashMap<>();
            for (Measurement m : latency) {
                Scenario s = m.scenario();
                if (s.latencyMs() != l) {
                    continue;
                }
                double load = 100 * s.load();
                String name =
                        s.variant() == Variant.INSTILL_BATCHED
                                ? s.variant().label() + ", K=" + s.calls()
                                : s.variant().label();
                series.computeIfAbsent(name + " p50", k -> new ArrayList<>())
                        .add(new double[] {load, m.addedLatency().p50Ms()});
                series.computeIfAbsent(name + " p99", k -> new ArrayList<>())
                        .add(new double[] {load, m.addedLatency().p99Ms()});
            }
            int c = latency.get(0).scenario().inFlight();
            linePanel(
                    g,
                    new Rectangle(80 + 550 * i, 50, 440, 400),
                    String.format(Locale.ROOT, "Added latency, L=%sms, C=%d", trim(l), c),
                    "offered load, % of C/L",
                    "ms over L",
                    series);
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static BufferedImage canvas(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    private static void smooth(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(
                RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    }

    private static void inFlightPanel(Graphics2D g, Rectangle r, List<Measurement> results) {
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        for (Measurement m : results) {
            Scenario s = m.scenario();
            if (!s.group().equals("in-flight")) {
                continue;
            }
            String latency = "L=" + (int) s.latencyMs() + "ms";
            series.computeIfAbsent(s.variant().label() + ", " + latency, k -> new ArrayList<>())
                    .add(new double[] {s.inFlight(), m.recordsPerSecond()});
            List<double[]> bound =
                    series.computeIfAbsent("bound C/L, " + latency, k -> new ArrayList<>());
            if (bound.stream().noneMatch(p -> p[0] == s.inFlight())) {
                bound.add(new double[] {s.inFlight(), m.boundPerSecond()});
            }
        }
        linePanel(
                g,
                r,
                "Records in flight, one record per call",
                "records in flight C",
                "records/s",
                series);
    }

    private static void batchPanel(Graphics2D g, Rectangle r, List<Measurement> results) {
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        for (Measurement m : results) {
            Scenario s = m.scenario();
            if (!s.group().equals("batch-size")) {
                continue;
            }
            series.computeIfAbsent(s.variant().label(), k -> new ArrayList<>())
                    .add(new double[] {s.batchSize(), m.recordsPerSecond()});
            series.computeIfAbsent("bound K·B/(L+B·s)", k -> new ArrayList<>())
                    .add(new double[] {s.batchSize(), m.boundPerSecond()});
        }
        linePanel(
                g, r, "Batch size, L=50ms, K=8 calls, C=256", "batch size B", "records/s", series);
    }

    /**
     * Lines on log scales: a series named "bound…" is grey and dashed, one named "… p99" dashed in
     * the colour of the series before it; the x ticks are the points' x values when there are few.
     */
    private static void linePanel(
            Graphics2D g,
            Rectangle r,
            String title,
            String xLabel,
            String yLabel,
            Map<String, List<double[]>> series) {
        double[] xs = range(series, 0);
        double[] ys = range(series, 1);
        axes(g, r, title, xLabel, yLabel, xs, ys);
        int i = 0;
        int n = 0;
        int rows = Math.max(3, (series.size() + 1) / 2);
        Color color = PALETTE[0];
        for (Map.Entry<String, List<double[]>> e : series.entrySet()) {
            boolean bound = e.getKey().startsWith("bound");
            boolean tail = e.getKey().endsWith(" p99");
            color = bound ? Color.GRAY : tail ? color : PALETTE[i++ % PALETTE.length];
            g.setColor(color);
            g.setStroke(bound || tail ? DASHED : new BasicStroke(2f));
            List<double[]> points = new ArrayList<>(e.getValue());
            points.sort((a, b) -> Double.compare(a[0], b[0]));
            int[] px = new int[points.size()];
            int[] py = new int[points.size()];
            for (int k = 0; k < points.size(); k++) {
                px[k] = x(r, xs, points.get(k)[0]);
                py[k] = y(r, ys, points.get(k)[1]);
                if (!bound) {
                    g.fillOval(px[k] - 4, py[k] - 4, 8, 8);
                }
            }
            g.drawPolyline(px, py, px.length);
            legend(g, r, n++, rows, e.getKey(), color, bound || tail);
        }
        g.setStroke(new BasicStroke(1f));
    }

    /**
     * Bars per variant, in groups of (L, C), the median where a point ran more than once; C is
     * named under a group when it is not 64.
     */
    private static void sideBySidePanel(Graphics2D g, Rectangle r, List<Measurement> results) {
        Map<String, Map<List<Double>, List<Double>>> byVariant = new LinkedHashMap<>();
        List<List<Double>> points = new ArrayList<>();
        for (Measurement m : results) {
            Scenario s = m.scenario();
            if (!s.group().equals("side-by-side") || s.payload() != Payload.PROMPT) {
                continue;
            }
            List<Double> point = List.of(s.latencyMs(), (double) s.inFlight());
            byVariant
                    .computeIfAbsent(s.variant().label(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(point, k -> new ArrayList<>())
                    .add(m.recordsPerSecond());
            if (!points.contains(point)) {
                points.add(point);
            }
        }
        double min = Double.MAX_VALUE;
        double max = 1;
        for (Map<List<Double>, List<Double>> values : byVariant.values()) {
            for (List<Double> repeats : values.values()) {
                double v = ResultWriters.median(repeats);
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        double[] ys = {
            Math.pow(10, Math.floor(Math.log10(Math.max(1, min)))),
            Math.pow(10, Math.ceil(Math.log10(max)))
        };
        axes(g, r, "Side by side, short prompt, C=64 unless named", null, "records/s", null, ys);
        int groups = Math.max(1, points.size());
        int bars = Math.max(1, byVariant.size());
        double groupWidth = r.width / (double) groups;
        double barWidth = (groupWidth - 20) / bars;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int gi = 0; gi < points.size(); gi++) {
            List<Double> point = points.get(gi);
            int vi = 0;
            for (Map.Entry<String, Map<List<Double>, List<Double>>> e : byVariant.entrySet()) {
                List<Double> repeats = e.getValue().get(point);
                Color color = PALETTE[vi % PALETTE.length];
                if (repeats != null) {
                    double value = ResultWriters.median(repeats);
                    int x0 = (int) (r.x + gi * groupWidth + 10 + vi * barWidth);
                    int y0 = y(r, ys, value);
                    g.setColor(color);
                    g.fillRect(x0, y0, Math.max(1, (int) barWidth - 2), r.y + r.height - y0);
                }
                if (gi == 0) {
                    legend(g, r, vi, 3, e.getKey(), color, false);
                }
                vi++;
            }
            g.setColor(Color.BLACK);
            int labelX = (int) (r.x + gi * groupWidth + groupWidth / 2 - 25);
            g.drawString("L = " + trim(point.get(0)) + " ms", labelX, r.y + r.height + 18);
            if (point.get(1) != 64) {
                g.drawString("C = " + trim(point.get(1)), labelX, r.y + r.height + 32);
            }
        }
    }

    private static void axes(
            Graphics2D g,
            Rectangle r,
            String title,
            String xLabel,
            String yLabel,
            double[] xs,
            double[] ys) {
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, r.x, r.y - 18);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawRect(r.x, r.y, r.width, r.height);
        for (double v = ys[0]; v <= ys[1] * 1.0001; v *= 10) {
            int py = y(r, ys, v);
            g.setColor(new Color(0xdddddd));
            g.drawLine(r.x + 1, py, r.x + r.width - 1, py);
            g.setColor(Color.BLACK);
            g.drawString(format(v), r.x - 50, py + 4);
        }
        g.drawString(yLabel, r.x - 60, r.y - 4);
        if (xs != null) {
            List<Double> ticks = new ArrayList<>();
            if (xs.length > 2) {
                for (int i = 2; i < xs.length; i++) {
                    ticks.add(xs[i]);
                }
            } else {
                for (double v = xs[0]; v <= xs[1] * 1.0001; v *= 2) {
                    ticks.add(v);
                }
            }
            for (double v : ticks) {
                int px = x(r, xs, v);
                g.setColor(new Color(0xeeeeee));
                g.drawLine(px, r.y + 1, px, r.y + r.height - 1);
                g.setColor(Color.BLACK);
                g.drawString(format(v), px - 6, r.y + r.height + 16);
            }
            g.drawString(xLabel, r.x + r.width / 2 - 50, r.y + r.height + 34);
        }
    }

    /** The legend entry {@code index} under panel {@code r}, in columns of {@code rows}. */
    private static void legend(
            Graphics2D g,
            Rectangle r,
            int index,
            int rows,
            String label,
            Color color,
            boolean dashed) {
        int lx = r.x + (index / rows) * (r.width / 2);
        int ly = r.y + r.height + 52 + (index % rows) * 16;
        g.setColor(color);
        g.setStroke(dashed ? DASHED : new BasicStroke(2f));
        g.drawLine(lx, ly - 4, lx + 20, ly - 4);
        g.setStroke(new BasicStroke(1f));
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawString(label, lx + 25, ly);
    }

    /**
     * The log range of the points' x ({@code axis} 0) or y values; for x with at most five distinct
     * values, followed by those values as ticks.
     */
    private static double[] range(Map<String, List<double[]>> series, int axis) {
        double min = Double.MAX_VALUE;
        double max = Double.MIN_VALUE;
        TreeSet<Double> values = new TreeSet<>();
        for (List<double[]> points : series.values()) {
            for (double[] p : points) {
                if (Double.isFinite(p[axis]) && p[axis] > 0) {
                    min = Math.min(min, p[axis]);
                    max = Math.max(max, p[axis]);
                    values.add(p[axis]);
                }
            }
        }
        if (min == Double.MAX_VALUE) {
            return new double[] {1, 10};
        }
        if (axis == 0) {
            double[] range = {min, Math.max(max, min * 2)};
            if (values.size() > 5 || values.size() < 2) {
                return range;
            }
            return DoubleStream.concat(
                            DoubleStream.of(range),
                            values.stream().mapToDouble(Double::doubleValue))
                    .toArray();
        }
        return new double[] {
            Math.pow(10, Math.floor(Math.log10(min))), Math.pow(10, Math.ceil(Math.log10(max)))
        };
    }

    private static int x(Rectangle r, double[] xs, double v) {
        double f = (Math.log(v) - Math.log(xs[0])) / (Math.log(xs[1]) - Math.log(xs[0]));
        return (int) Math.round(r.x + 15 + f * (r.width - 30));
    }

    private static int y(Rectangle r, double[] ys, double v) {
        double clamped = Math.max(ys[0], Math.min(ys[1], v));
        double f = (Math.log(clamped) - Math.log(ys[0])) / (Math.log(ys[1]) - Math.log(ys[0]));
        return (int) Math.round(r.y + r.height - f * r.height);
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static String format(double v) {
        if (v >= 1_000_000) {
            return String.format(Locale.ROOT, "%.0fM", v / 1_000_000);
        }
        if (v >= 1000) {
            return String.format(Locale.ROOT, "%.0fk", v / 1000);
        }
        if (v >= 1 || v <= 0) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return new BigDecimal(v).round(new MathContext(1)).stripTrailingZeros().toPlainString();
    }
}
