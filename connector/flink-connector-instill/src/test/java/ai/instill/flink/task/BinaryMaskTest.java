package ai.instill.flink.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BinaryMaskTest {

    @Test
    void decodesTheWorkedExampleColumnByColumn() {
        BinaryMask mask = BinaryMask.fromRle("2,3,1,2,4", 3, 4);

        assertThat(mask.toString()).isEqualTo("0110\n0110\n1000");
        assertThat(mask.height()).isEqualTo(3);
        assertThat(mask.width()).isEqualTo(4);
        assertThat(mask.count()).isEqualTo(5);
        assertThat(mask.get(0, 2)).isTrue();
        assertThat(mask.get(0, 0)).isFalse();
        assertThat(mask.get(2, 1)).isTrue();
    }

    @Test
    void decodesTheSemanticExampleOfATwoHighFourWideImage() {
        assertThat(BinaryMask.fromRle("3,2,3", 2, 4).toString()).isEqualTo("0010\n0100");
        assertThat(BinaryMask.fromRle("0,3,2,3", 2, 4).toString()).isEqualTo("1101\n1011");
    }

    @Test
    void aLeadingZeroRunMeansTheFirstPixelIsSet() {
        BinaryMask mask = BinaryMask.fromRle("0,1,5", 2, 3);

        assertThat(mask.get(0, 0)).isTrue();
        assertThat(mask.count()).isEqualTo(1);
        assertThat(mask.toRle()).isEqualTo("0,1,5");
    }

    @Test
    void decodesAllZeroAndAllOneMasks() {
        BinaryMask zeros = BinaryMask.fromRle("12", 3, 4);
        BinaryMask ones = BinaryMask.fromRle("0,12", 3, 4);

        assertThat(zeros.count()).isZero();
        assertThat(zeros.toString()).isEqualTo("0000\n0000\n0000");
        assertThat(ones.count()).isEqualTo(12);
        assertThat(ones.toString()).isEqualTo("1111\n1111\n1111");
    }

    @Test
    void encodesBackToTheSameCounts() {
        for (String rle : new String[] {"2,3,1,2,4", "12", "0,12", "0,1,11", "11,1", "3,2,3,4"}) {
            assertThat(BinaryMask.fromRle(rle, 3, 4).toRle()).as(rle).isEqualTo(rle);
        }
    }

    @Test
    void rowsAndRleDescribeTheSameMask() {
        assertThat(BinaryMask.fromRows("0110", "0110", "1000"))
                .isEqualTo(BinaryMask.fromRle("2,3,1,2,4", 3, 4));
        assertThat(BinaryMask.fromRows("0110", "0110", "1000").toRle()).isEqualTo("2,3,1,2,4");
    }

    @Test
    void zeroRunsInTheMiddleAreAccepted() {
        assertThat(BinaryMask.fromRle("2,0,1,9", 3, 4).toRle()).isEqualTo("3,9");
    }

    @Test
    void anEmptyMaskHasAnEmptyOrZeroRle() {
        assertThat(BinaryMask.fromRle("", 0, 0).count()).isZero();
        assertThat(BinaryMask.fromRle("0", 0, 5).toRle()).isEqualTo("0");
    }

    @Test
    void rejectsCountsThatSumToFewerPixelsThanTheMask() {
        assertThatThrownBy(() -> BinaryMask.fromRle("2,3,1,2,3", 3, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("RLE counts sum to 11 but the mask has 12 pixels (3 high × 4 wide)");
    }

    @Test
    void rejectsCountsThatSumToMorePixelsThanTheMask() {
        assertThatThrownBy(() -> BinaryMask.fromRle("2,3,1,2,5", 3, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "RLE counts sum to more than 12 but the mask has 12 pixels (3 high × 4"
                                + " wide)");
    }

    @Test
    void rejectsTokensThatAreNotNonNegativeIntegers() {
        for (String rle :
                new String[] {
                    "2,x,10", "2,-3,13", "2, 3,7", "2,,10", "1.5,10.5", "2,3,", "[2,10]"
                }) {
            assertThatThrownBy(() -> BinaryMask.fromRle(rle, 3, 4))
                    .as(rle)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(
                            "RLE must be comma-separated non-negative integers, but count ");
        }
        assertThatThrownBy(() -> BinaryMask.fromRle("2,x,10", 3, 4))
                .hasMessageEndingWith("count 2 is 'x'");
    }

    @Test
    void rejectsAnEmptyStringForAMaskWithPixels() {
        assertThatThrownBy(() -> BinaryMask.fromRle("", 3, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("RLE is empty but the mask has 12 pixels (3 high × 4 wide)");
    }

    @Test
    void rejectsANullRleAndANegativeSize() {
        assertThatThrownBy(() -> BinaryMask.fromRle(null, 3, 4)).hasMessage("RLE must not be null");
        assertThatThrownBy(() -> BinaryMask.fromRle("0", -1, 4))
                .hasMessage("mask size must not be negative, got -1 high × 4 wide");
    }

    // --- instance masks in a box of fractional size ---

    @Test
    void aWholeBoxTakesCountsForExactlyItsSize() {
        assertThat(BinaryMask.fromRleInBox("2,3,1,2,4", 3.0, 4.0))
                .isEqualTo(BinaryMask.fromRle("2,3,1,2,4", 3, 4));
        assertThatThrownBy(() -> BinaryMask.fromRleInBox("2,3,1,2,3", 3.0, 4.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("RLE counts sum to 11 but the mask has 12 pixels (3 high × 4 wide)");
    }

    @Test
    void aFractionalBoxTakesCountsForItsSidesRoundedToTheNearest() {
        BinaryMask mask = BinaryMask.fromRleInBox("0,8", 2.4, 3.6);

        assertThat(mask.height()).isEqualTo(2);
        assertThat(mask.width()).isEqualTo(4);
    }

    @Test
    void aFractionalBoxTakesCountsForItsSidesRoundedDown() {
        BinaryMask mask = BinaryMask.fromRleInBox("1,4,1", 2.4, 3.6);

        assertThat(mask.toString()).isEqualTo("011\n110");
    }

    @Test
    void aFractionalBoxTakesCountsForItsSidesRoundedUp() {
        BinaryMask mask = BinaryMask.fromRleInBox("0,12", 2.4, 3.6);

        assertThat(mask.height()).isEqualTo(3);
        assertThat(mask.width()).isEqualTo(4);
    }

    @Test
    void aFractionalBoxTakesCountsForItsHeightRoundedDownAndItsWidthUp() {
        // 2.6 × 3.4: to the nearest is 3 × 3 (9), down 2 × 3 (6), up 3 × 4 (12); 8 is 2 × 4 only
        BinaryMask mask = BinaryMask.fromRleInBox("3,5", 2.6, 3.4);

        assertThat(mask.toString()).isEqualTo("0011\n0111");
    }

    @Test
    void aFractionalBoxTakesCountsForItsHeightRoundedUpAndItsWidthDown() {
        // 2.4 × 3.6: to the nearest is 2 × 4 (8), down 2 × 3 (6), up 3 × 4 (12); 9 is 3 × 3 only
        BinaryMask mask = BinaryMask.fromRleInBox("4,5", 2.4, 3.6);

        assertThat(mask.toString()).isEqualTo("001\n011\n011");
    }

    @Test
    void aBoxWithOneWholeSideRoundsOnlyTheOther() {
        assertThat(BinaryMask.fromRleInBox("9", 3.0, 3.6).width()).isEqualTo(3);
        assertThat(BinaryMask.fromRleInBox("12", 3.0, 3.6).width()).isEqualTo(4);
    }

    @Test
    void aTieBetweenTheMixedRoundingsGoesToTheLowerHeight() {
        // 2.5 × 2.5: 2 × 3 and 3 × 2 both hold 6 pixels
        BinaryMask mask = BinaryMask.fromRleInBox("0,6", 2.5, 2.5);

        assertThat(mask.height()).isEqualTo(2);
        assertThat(mask.width()).isEqualTo(3);
    }

    @Test
    void rejectsCountsThatFitNoRoundingOfAFractionalBox() {
        assertThatThrownBy(() -> BinaryMask.fromRleInBox("3,4", 2.4, 3.6))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "RLE counts sum to 7 but the mask of a 2.4 high × 3.6 wide box, each side"
                                + " rounded down or up, has 6, 8, 9 or 12 pixels (2 or 3 high × 3"
                                + " or 4 wide)");
        assertThatThrownBy(() -> BinaryMask.fromRleInBox("10", 3.0, 3.6))
                .hasMessage(
                        "RLE counts sum to 10 but the mask of a 3 high × 3.6 wide box, each side"
                                + " rounded down or up, has 9 or 12 pixels (3 high × 3 or 4 wide)");
        String huge = String.join(",", java.util.Collections.nCopies(5, "999999999999999999"));
        assertThatThrownBy(() -> BinaryMask.fromRleInBox(huge, 2.4, 3.6))
                .hasMessageStartingWith("RLE counts sum to more than 12 but");
    }

    @Test
    void aFractionalBoxStillRejectsMalformedCountsAndSizes() {
        assertThatThrownBy(() -> BinaryMask.fromRleInBox("2,x", 2.4, 3.6))
                .hasMessage(
                        "RLE must be comma-separated non-negative integers, but count 2 is 'x'");
        assertThatThrownBy(() -> BinaryMask.fromRleInBox(null, 2.4, 3.6))
                .hasMessage("RLE must not be null");
        assertThatThrownBy(() -> BinaryMask.fromRleInBox("0", Double.NaN, 3.6))
                .hasMessage("a mask's box height must be a number from 0 to 2^31-1, got NaN");
    }

    @Test
    void rejectsPixelsOutsideTheMask() {
        BinaryMask mask = BinaryMask.fromRle("12", 3, 4);

        assertThatThrownBy(() -> mask.get(4, 0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> mask.get(0, 3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void handlesALargeMaskEfficiently() {
        int height = 3000;
        int width = 4000;
        String rle = columnsWithMiddleBand(width);

        long started = System.nanoTime();
        BinaryMask mask = BinaryMask.fromRle(rle, height, width);
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(mask.count()).isEqualTo(1000 * width);
        assertThat(mask.get(3999, 1500)).isTrue();
        assertThat(mask.get(3999, 2500)).isFalse();
        assertThat(mask.get(0, 999)).isFalse();
        assertThat(mask.toRle()).isEqualTo(rle);
        assertThat(mask.toString()).isEqualTo("BinaryMask[3000 high × 4000 wide, 4000000 set]");
        assertThat(elapsedMillis).isLessThan(2000);
    }

    /**
     * Every 3000-pixel column: 1000 zeros, 1000 ones, 1000 zeros (zero runs of adjacent columns
     * merge).
     */
    private static String columnsWithMiddleBand(int width) {
        StringBuilder rle = new StringBuilder("1000");
        for (int x = 0; x < width; x++) {
            rle.append(",1000,").append(x == width - 1 ? 1000 : 2000);
        }
        return rle.toString();
    }

    @Test
    void masksWithTheSameSizeAndPixelsAreEqual() {
        assertThat(BinaryMask.fromRle("2,3,1,2,4", 3, 4))
                .isEqualTo(BinaryMask.fromRle("2,3,1,2,4", 3, 4))
                .hasSameHashCodeAs(BinaryMask.fromRle("2,3,1,2,4", 3, 4))
                .isNotEqualTo(BinaryMask.fromRle("2,3,1,2,4", 4, 3));
    }

    @Test
    void survivesJavaSerialization() {
        BinaryMask mask = BinaryMask.fromRle("2,3,1,2,4", 3, 4);

        assertThat(ImageSamples.roundTrip(mask)).isEqualTo(mask);
    }
}
