package ai.instill.flink.server.imaging;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The server's own 5×7 pixel font (A–Z, 0–9, space and {@code .,:-!?}) that {@link TextImages}
 * draws with and the OCR stand-in reads back. Every letter and digit fills its whole 5×7 cell and
 * is one 8-connected shape.
 */
public final class BitmapFont {

    /** Glyph width in font pixels. */
    public static final int GLYPH_WIDTH = 5;

    /** Glyph height in font pixels. */
    public static final int GLYPH_HEIGHT = 7;

    /**
     * Horizontal distance between the starts of two neighbouring glyphs, in font pixels (one blank
     * column).
     */
    public static final int ADVANCE = 6;

    /** Vertical distance between the tops of two lines of text, in font pixels. */
    public static final int LINE_PITCH = 10;

    /** Character drawn in place of anything the font does not have. */
    public static final char REPLACEMENT = '?';

    private static final Map<Character, Long> GLYPHS = new LinkedHashMap<>();

    static {
        glyph('A', ".###.", "#...#", "#...#", "#####", "#...#", "#...#", "#...#");
        glyph('B', "####.", "#...#", "#...#", "####.", "#...#", "#...#", "####.");
        glyph('C', ".###.", "#...#", "#....", "#....", "#....", "#...#", ".###.");
        glyph('D', "###..", "#..#.", "#...#", "#...#", "#...#", "#..#.", "###..");
        glyph('E', "#####", "#....", "#....", "####.", "#....", "#....", "#####");
        glyph('F', "#####", "#....", "#....", "####.", "#....", "#....", "#....");
        glyph('G', ".###.", "#...#", "#....", "#.###", "#...#", "#...#", ".####");
        glyph('H', "#...#", "#...#", "#...#", "#####", "#...#", "#...#", "#...#");
        glyph('I', "#####", "..#..", "..#..", "..#..", "..#..", "..#..", "#####");
        glyph('J', "#####", "...#.", "...#.", "...#.", "...#.", "#..#.", ".##..");
        glyph('K', "#...#", "#..#.", "#.#..", "##...", "#.#..", "#..#.", "#...#");
        glyph('L', "#....", "#....", "#....", "#....", "#....", "#....", "#####");
        glyph('M', "#...#", "##.##", "#.#.#", "#.#.#", "#...#", "#...#", "#...#");
        glyph('N', "#...#", "##..#", "#.#.#", "#..##", "#...#", "#...#", "#...#");
        glyph('O', ".###.", "#...#", "#...#", "#...#", "#...#", "#...#", ".###.");
        glyph('P', "####.", "#...#", "#...#", "####.", "#....", "#....", "#....");
        glyph('Q', ".###.", "#...#", "#...#", "#...#", "#.#.#", "#..#.", ".##.#");
        glyph('R', "####.", "#...#", "#...#", "####.", "#.#..", "#..#.", "#...#");
        glyph('S', ".####", "#....", "#....", ".###.", "....#", "....#", "####.");
        glyph('T', "#####", "..#..", "..#..", "..#..", "..#..", "..#..", "..#..");
        glyph('U', "#...#", "#...#", "#...#", "#...#", "#...#", "#...#", ".###.");
        glyph('V', "#...#", "#...#", "#...#", "#...#", "#...#", ".#.#.", "..#..");
        glyph('W', "#...#", "#...#", "#...#", "#.#.#", "#.#.#", "#.#.#", ".#.#.");
        glyph('X', "#...#", "#...#", ".#.#.", "..#..", ".#.#.", "#...#", "#...#");
        glyph('Y', "#...#", "#...#", ".#.#.", "..#..", "..#..", "..#..", "..#..");
        glyph('Z', "#####", "....#", "...#.", "..#..", ".#...", "#....", "#####");
        glyph('0', ".###.", "#...#", "#..##", "#.#.#", "##..#", "#...#", ".###.");
        glyph('1', "..#..", ".##..", "..#..", "..#..", "..#..", "..#..", "#####");
        glyph('2', ".###.", "#...#", "....#", "...#.", "..#..", ".#...", "#####");
        glyph('3', "#####", "...#.", "..#..", "...#.", "....#", "#...#", ".###.");
        glyph('4', "...#.", "..##.", ".#.#.", "#..#.", "#####", "...#.", "...#.");
        glyph('5', "#####", "#....", "####.", "....#", "....#", "#...#", ".###.");
        glyph('6', "..##.", ".#...", "#....", "####.", "#...#", "#...#", ".###.");
        glyph('7', "#####", "....#", "...#.", "..#..", ".#...", ".#...", ".#...");
        glyph('8', ".###.", "#...#", "#...#", ".###.", "#...#", "#...#", ".###.");
        glyph('9', ".###.", "#...#", "#...#", ".####", "....#", "...#.", ".##..");
        glyph(' ', ".....", ".....", ".....", ".....", ".....", ".....", ".....");
        glyph('.', ".....", ".....", ".....", ".....", ".....", ".##..", ".##..");
        glyph(',', ".....", ".....", ".....", ".....", ".##..", ".##..", ".#...");
        glyph(':', ".....", ".##..", ".##..", ".....", ".##..", ".##..", ".....");
        glyph('-', ".....", ".....", ".....", ".###.", ".....", ".....", ".....");
        glyph('!', "..#..", "..#..", "..#..", "..#..", "..#..", ".....", "..#..");
        glyph('?', ".###.", "#...#", "....#", "...#.", "..#..", ".....", "..#..");
    }

    private BitmapFont() {}

    /** Every character the font can draw, in a fixed order. */
    public static Set<Character> characters() {
        return Collections.unmodifiableSet(GLYPHS.keySet());
    }

    public static boolean supports(char c) {
        return GLYPHS.containsKey(c);
    }

    /** Upper-cases the text and replaces characters the font lacks with {@link #REPLACEMENT}. */
    public static String normalize(String text) {
        String upper = text.toUpperCase(Locale.ROOT);
        StringBuilder normalized = new StringBuilder(upper.length());
        for (int i = 0; i < upper.length(); i++) {
            char c = upper.charAt(i);
            normalized.append(c == '\n' || supports(c) ? c : REPLACEMENT);
        }
        return normalized.toString();
    }

    /** True for the letters and digits, whose glyphs fill the whole cell. */
    public static boolean fillsCell(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /** Whether font pixel (column, row) of a supported character is inked. */
    public static boolean isInked(char c, int column, int row) {
        return (bits(c) >>> (row * GLYPH_WIDTH + column) & 1L) != 0;
    }

    /** The glyph as 35 bits: bit {@code row * 5 + column} is set where the glyph is inked. */
    static long bits(char c) {
        Long bits = GLYPHS.get(c);
        if (bits == null) {
            throw new IllegalArgumentException("the bitmap font has no glyph for '" + c + "'");
        }
        return bits;
    }

    private static void glyph(char c, String... rows) {
        long bits = 0;
        for (int row = 0; row < GLYPH_HEIGHT; row++) {
            for (int column = 0; column < GLYPH_WIDTH; column++) {
                if (rows[row].charAt(column) == '#') {
                    bits |= 1L << (row * GLYPH_WIDTH + column);
                }
            }
        }
        GLYPHS.put(c, bits);
    }
}
