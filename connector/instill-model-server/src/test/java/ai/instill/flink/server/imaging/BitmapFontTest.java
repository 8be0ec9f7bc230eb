package ai.instill.flink.server.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BitmapFontTest {

    @Test
    void hasLettersDigitsSpaceAndPunctuation() {
        for (char c : "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,:-!?".toCharArray()) {
            assertThat(BitmapFont.supports(c)).as("glyph for '%s'", c).isTrue();
        }
    }

    @Test
    void everyLetterAndDigitFillsItsCellAsOneConnectedShape() {
        for (char c : BitmapFont.characters()) {
            if (!BitmapFont.fillsCell(c)) {
                continue;
            }
            boolean top = false;
            boolean bottom = false;
            boolean left = false;
            boolean right = false;
            for (int i = 0; i < 5; i++) {
                top |= BitmapFont.isInked(c, i, 0);
                bottom |= BitmapFont.isInked(c, i, 6);
            }
            for (int row = 0; row < 7; row++) {
                left |= BitmapFont.isInked(c, 0, row);
                right |= BitmapFont.isInked(c, 4, row);
            }
            assertThat(top && bottom && left && right).as("'%s' spans the 5x7 cell", c).isTrue();
            assertThat(connectedParts(c)).as("'%s' is one 8-connected shape", c).isEqualTo(1);
        }
    }

    @Test
    void noTwoGlyphsLookAlike() {
        List<Character> chars = new ArrayList<>(BitmapFont.characters());
        for (int i = 0; i < chars.size(); i++) {
            for (int j = i + 1; j < chars.size(); j++) {
                int differences =
                        Long.bitCount(
                                BitmapFont.bits(chars.get(i)) ^ BitmapFont.bits(chars.get(j)));
                assertThat(differences)
                        .as("'%s' vs '%s'", chars.get(i), chars.get(j))
                        .isGreaterThanOrEqualTo(2);
            }
        }
    }

    @Test
    void normalizesToUpperCaseAndReplacesUnknownCharacters() {
        assertThat(BitmapFont.normalize("Hi, café!")).isEqualTo("HI, CAF?!");
    }

    private static int connectedParts(char c) {
        boolean[][] seen = new boolean[7][5];
        int parts = 0;
        for (int row = 0; row < 7; row++) {
            for (int column = 0; column < 5; column++) {
                if (BitmapFont.isInked(c, column, row) && !seen[row][column]) {
                    parts++;
                    flood(c, column, row, seen);
                }
            }
        }
        return parts;
    }

    private static void flood(char c, int column, int row, boolean[][] seen) {
        if (column < 0
                || row < 0
                || column >= 5
                || row >= 7
                || seen[row][column]
                || !BitmapFont.isInked(c, column, row)) {
            return;
        }
        seen[row][column] = true;
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                flood(c, column + dx, row + dy, seen);
            }
        }
    }
}
