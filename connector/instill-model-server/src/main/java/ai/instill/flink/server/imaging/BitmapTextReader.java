package ai.instill.flink.server.imaging;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads lines of text drawn with the {@link BitmapFont} at any integer scale, dark ink on a light
 * background: the reference implementation behind the OCR stand-in. Anything that is not such text
 * (shapes, photos, other fonts) is ignored.
 */
public final class BitmapTextReader {

    /** One recognised line: its text, mean glyph match quality in 0..1 and ink bounding box. */
    public record TextLine(String text, double score, int left, int top, int width, int height) {}

    /** A pixel is ink when all its channels are below this value. */
    static final int INK_MAX_CHANNEL = 110;

    /** Minimum share of the 35 glyph cells that must agree with a glyph to accept it. */
    static final double MIN_QUALITY = 0.85;

    /** Letters further apart than this many cells start a new line object. */
    private static final int MAX_CELL_GAP = 4;

    private static final int GLYPH_CELLS = BitmapFont.GLYPH_WIDTH * BitmapFont.GLYPH_HEIGHT;

    private final int width;
    private final int height;
    private final boolean[] ink;
    private final int[] labels;
    private final List<int[]> componentBoxes = new ArrayList<>();

    private BitmapTextReader(RgbPixels image) {
        this.width = image.width();
        this.height = image.height();
        this.ink = new boolean[image.pixelCount()];
        for (int i = 0; i < ink.length; i++) {
            int rgb = image.rgbAt(i);
            ink[i] =
                    RgbPixels.red(rgb) < INK_MAX_CHANNEL
                            && RgbPixels.green(rgb) < INK_MAX_CHANNEL
                            && RgbPixels.blue(rgb) < INK_MAX_CHANNEL;
        }
        this.labels = new int[ink.length];
        labelComponents();
    }

    /** Finds every line of bitmap-font text in the image, sorted by (top, left). */
    public static List<TextLine> read(RgbPixels image) {
        return new BitmapTextReader(image).readLines();
    }

    private List<TextLine> readLines() {
        List<Letter> letters = findLetters();
        letters.sort(Comparator.comparingInt(Letter::left));
        List<Line> lines = new ArrayList<>();
        for (Letter letter : letters) {
            Line home = null;
            for (Line line : lines) {
                if (line.accepts(letter)) {
                    home = line;
                    break;
                }
            }
            if (home == null) {
                home = new Line(letter.left, letter.top, letter.scale);
                lines.add(home);
            }
            home.add(letter);
        }
        List<TextLine> result = new ArrayList<>();
        for (Line line : lines) {
            result.add(readLine(line));
        }
        result.sort(Comparator.comparingInt(TextLine::top).thenComparingInt(TextLine::left));
        return result;
    }

    private List<Letter> findLetters() {
        List<Letter> letters = new ArrayList<>();
        for (int[] box : componentBoxes) {
            int boxWidth = box[2] - box[0] + 1;
            int boxHeight = box[3] - box[1] + 1;
            int scale = (int) Math.round(boxHeight / (double) BitmapFont.GLYPH_HEIGHT);
            int tolerance = scale / 3;
            if (scale < 1
                    || Math.abs(boxHeight - BitmapFont.GLYPH_HEIGHT * scale) > tolerance
                    || Math.abs(boxWidth - BitmapFont.GLYPH_WIDTH * scale) > tolerance) {
                continue;
            }
            Match match = bestMatch(sample(box[0], box[1], scale), true);
            if (match.quality >= MIN_QUALITY) {
                letters.add(new Letter(box[0], box[1], scale, match));
            }
        }
        return letters;
    }

    private TextLine readLine(Line line) {
        TreeMap<Integer, Cell> cells = new TreeMap<>();
        int first = line.letters.firstKey();
        int last = line.letters.lastKey();
        for (int k = first; k <= last; k++) {
            Letter letter = line.letters.get(k);
            cells.put(
                    k,
                    letter != null
                            ? new Cell(letter.match, inkBounds(line, k))
                            : classify(line, k));
        }
        extend(line, cells, first, -1);
        extend(line, cells, last, +1);

        StringBuilder text = new StringBuilder();
        double qualitySum = 0;
        int glyphs = 0;
        int left = Integer.MAX_VALUE;
        int top = Integer.MAX_VALUE;
        int right = Integer.MIN_VALUE;
        int bottom = Integer.MIN_VALUE;
        for (Cell cell : cells.values()) {
            if (cell.kind == CellKind.BLANK) {
                text.append(' ');
                continue;
            }
            glyphs++;
            if (cell.kind == CellKind.GLYPH) {
                text.append(cell.match.character);
                qualitySum += cell.match.quality;
            }
            if (cell.bounds != null) {
                left = Math.min(left, cell.bounds[0]);
                top = Math.min(top, cell.bounds[1]);
                right = Math.max(right, cell.bounds[2]);
                bottom = Math.max(bottom, cell.bounds[3]);
            }
        }
        return new TextLine(
                text.toString().trim(),
                glyphs == 0 ? 0.0 : qualitySum / glyphs,
                left,
                top,
                right - left + 1,
                bottom - top + 1);
    }

    /** Grows the line outwards over punctuation, crossing at most one blank cell at a time. */
    private void extend(Line line, TreeMap<Integer, Cell> cells, int from, int step) {
        int k = from + step;
        while (true) {
            Cell next = classify(line, k);
            if (next.kind == CellKind.GLYPH) {
                cells.put(k, next);
                k += step;
                continue;
            }
            if (next.kind == CellKind.BLANK) {
                Cell afterBlank = classify(line, k + step);
                if (afterBlank.kind == CellKind.GLYPH) {
                    cells.put(k, next);
                    cells.put(k + step, afterBlank);
                    k += 2 * step;
                    continue;
                }
            }
            return;
        }
    }

    /**
     * Decides what the cell at index k of a line holds, looking only at ink that lies wholly inside
     * the cell.
     */
    private Cell classify(Line line, int k) {
        int left = line.originX + k * BitmapFont.ADVANCE * line.scale;
        int top = line.top;
        int cellWidth = BitmapFont.GLYPH_WIDTH * line.scale;
        int cellHeight = BitmapFont.GLYPH_HEIGHT * line.scale;
        if (left < 0 || left + cellWidth > width || top + cellHeight > height) {
            return Cell.OUTSIDE;
        }
        Set<Integer> touching = new HashSet<>();
        for (int y = top; y < top + cellHeight; y++) {
            for (int x = left; x < left + cellWidth; x++) {
                int label = labels[y * width + x];
                if (label != 0) {
                    touching.add(label);
                }
            }
        }
        if (touching.isEmpty()) {
            return Cell.BLANK_CELL;
        }
        int slack = line.scale / 3;
        for (int label : touching) {
            int[] box = componentBoxes.get(label - 1);
            if (box[0] < left - slack
                    || box[2] >= left + cellWidth + slack
                    || box[1] < top - slack
                    || box[3] >= top + cellHeight + slack) {
                return Cell.FOREIGN;
            }
        }
        Match match = bestMatch(sample(left, top, line.scale), false);
        if (match.quality < MIN_QUALITY) {
            return Cell.FOREIGN;
        }
        return new Cell(match, inkBounds(line, k));
    }

    private int[] inkBounds(Line line, int k) {
        int left = line.originX + k * BitmapFont.ADVANCE * line.scale;
        int slack = line.scale / 3;
        int x0 = Math.max(0, left - slack);
        int x1 = Math.min(width - 1, left + BitmapFont.GLYPH_WIDTH * line.scale - 1 + slack);
        int y0 = Math.max(0, line.top - slack);
        int y1 = Math.min(height - 1, line.top + BitmapFont.GLYPH_HEIGHT * line.scale - 1 + slack);
        int[] bounds = null;
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                if (ink[y * width + x]) {
                    if (bounds == null) {
                        bounds = new int[] {x, y, x, y};
                    } else {
                        bounds[0] = Math.min(bounds[0], x);
                        bounds[1] = Math.min(bounds[1], y);
                        bounds[2] = Math.max(bounds[2], x);
                        bounds[3] = Math.max(bounds[3], y);
                    }
                }
            }
        }
        return bounds;
    }

    /** Reads the 5×7 grid at a position by majority vote of each scale×scale block. */
    private long sample(int left, int top, int scale) {
        long bits = 0;
        int needed = scale * scale;
        for (int row = 0; row < BitmapFont.GLYPH_HEIGHT; row++) {
            for (int column = 0; column < BitmapFont.GLYPH_WIDTH; column++) {
                int count = 0;
                for (int dy = 0; dy < scale; dy++) {
                    int y = top + row * scale + dy;
                    for (int dx = 0; dx < scale; dx++) {
                        int x = left + column * scale + dx;
                        if (x >= 0 && y >= 0 && x < width && y < height && ink[y * width + x]) {
                            count++;
                        }
                    }
                }
                if (2 * count > needed) {
                    bits |= 1L << (row * BitmapFont.GLYPH_WIDTH + column);
                }
            }
        }
        return bits;
    }

    private static Match bestMatch(long bits, boolean cellFillingOnly) {
        char best = BitmapFont.REPLACEMENT;
        int bestDifferences = Integer.MAX_VALUE;
        for (char c : BitmapFont.characters()) {
            if (c == ' ' || (cellFillingOnly && !BitmapFont.fillsCell(c))) {
                continue;
            }
            int differences = Long.bitCount(bits ^ BitmapFont.bits(c));
            if (differences < bestDifferences) {
                best = c;
                bestDifferences = differences;
            }
        }
        return new Match(best, (GLYPH_CELLS - bestDifferences) / (double) GLYPH_CELLS);
    }

    /**
     * 8-connected labelling of the ink; labels start at 1, boxes are {left, top, right, bottom}.
     */
    private void labelComponents() {
        int[] stack = new int[Math.max(1, ink.length)];
        for (int start = 0; start < ink.length; start++) {
            if (!ink[start] || labels[start] != 0) {
                continue;
            }
            int label = componentBoxes.size() + 1;
            int[] box = {start % width, start / width, start % width, start / width};
            int size = 0;
            stack[size++] = start;
            labels[start] = label;
            while (size > 0) {
                int index = stack[--size];
                int x = index % width;
                int y = index / width;
                box[0] = Math.min(box[0], x);
                box[1] = Math.min(box[1], y);
                box[2] = Math.max(box[2], x);
                box[3] = Math.max(box[3], y);
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int nx = x + dx;
                        int ny = y + dy;
                        if (nx < 0 || ny < 0 || nx >= width || ny >= height) {
                            continue;
                        }
                        int neighbour = ny * width + nx;
                        if (ink[neighbour] && labels[neighbour] == 0) {
                            labels[neighbour] = label;
                            stack[size++] = neighbour;
                        }
                    }
                }
            }
            componentBoxes.add(box);
        }
    }

    private record Match(char character, double quality) {}

    private record Letter(int left, int top, int scale, Match match) {}

    private enum CellKind {
        GLYPH,
        BLANK,
        FOREIGN,
        OUTSIDE
    }

    private record Cell(CellKind kind, Match match, int[] bounds) {
        static final Cell BLANK_CELL = new Cell(CellKind.BLANK, null, null);
        static final Cell FOREIGN = new Cell(CellKind.FOREIGN, null, null);
        static final Cell OUTSIDE = new Cell(CellKind.OUTSIDE, null, null);

        Cell(Match match, int[] bounds) {
            this(CellKind.GLYPH, match, bounds);
        }
    }

    /** Letters sharing a scale, a top edge and a cell grid. */
    private static final class Line {
        final int originX;
        final int top;
        final int scale;
        final TreeMap<Integer, Letter> letters = new TreeMap<>();

        Line(int originX, int top, int scale) {
            this.originX = originX;
            this.top = top;
            this.scale = scale;
        }

        boolean accepts(Letter letter) {
            if (letter.scale != scale || Math.abs(letter.top - top) > scale / 2) {
                return false;
            }
            int advance = BitmapFont.ADVANCE * scale;
            int offset = letter.left - originX;
            int cell = Math.round(offset / (float) advance);
            return Math.abs(offset - cell * advance) <= scale / 2
                    && cell > letters.lastKey()
                    && cell - letters.lastKey() <= MAX_CELL_GAP;
        }

        void add(Letter letter) {
            int cell = Math.round((letter.left - originX) / (float) (BitmapFont.ADVANCE * scale));
            letters.put(cell, letter);
        }
    }
}
