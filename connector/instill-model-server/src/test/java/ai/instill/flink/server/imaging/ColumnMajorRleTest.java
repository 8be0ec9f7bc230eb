package ai.instill.flink.server.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ColumnMajorRleTest {

    // The worked example of spec §7: a 4 wide × 3 high box.
    private static final boolean[][] SPEC_MASK = {
        {false, true, true, false},
        {false, true, true, false},
        {true, false, false, false},
    };

    @Test
    void encodesTheSpecExampleColumnByColumn() {
        assertThat(ColumnMajorRle.encode(4, 3, (x, y) -> SPEC_MASK[y][x])).isEqualTo("2,3,1,2,4");
    }

    @Test
    void decodesTheSpecExample() {
        assertThat(ColumnMajorRle.decode("2,3,1,2,4", 4, 3)).isDeepEqualTo(SPEC_MASK);
    }

    @Test
    void startsWithAZeroRunWhenTheFirstPixelIsSet() {
        assertThat(ColumnMajorRle.encode(2, 2, (x, y) -> x == 0)).isEqualTo("0,2,2");
        assertThat(ColumnMajorRle.encode(2, 2, (x, y) -> true)).isEqualTo("0,4");
        assertThat(ColumnMajorRle.encode(2, 2, (x, y) -> false)).isEqualTo("4");
    }

    @Test
    void countsAlwaysSumToTheRegionSize() {
        String rle = ColumnMajorRle.encode(7, 5, (x, y) -> (x + y) % 3 == 0);
        int sum = 0;
        for (String count : rle.split(",")) {
            sum += Integer.parseInt(count);
        }
        assertThat(sum).isEqualTo(35);
    }

    @Test
    void roundTripsRandomMasks() {
        Random random = new Random(7);
        for (int trial = 0; trial < 50; trial++) {
            int width = 1 + random.nextInt(12);
            int height = 1 + random.nextInt(12);
            boolean[][] mask = new boolean[height][width];
            for (boolean[] row : mask) {
                for (int x = 0; x < width; x++) {
                    row[x] = random.nextBoolean();
                }
            }
            String rle = ColumnMajorRle.encode(width, height, (x, y) -> mask[y][x]);
            assertThat(ColumnMajorRle.decode(rle, width, height)).isDeepEqualTo(mask);
        }
    }
}
