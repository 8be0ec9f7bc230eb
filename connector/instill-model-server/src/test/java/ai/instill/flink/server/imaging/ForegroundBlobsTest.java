package ai.instill.flink.server.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import ai.instill.flink.server.testing.TestImages;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForegroundBlobsTest {

    @Test
    void findsEachShapeWithInclusiveBoxesSortedByTopThenLeft() {
        TestImages image = TestImages.canvas(40, 30, PaletteColor.WHITE);
        image.rect(PaletteColor.BLUE, 20, 4, 8, 3);
        image.rect(PaletteColor.RED, 5, 4, 6, 5);
        image.rect(PaletteColor.GREEN, 2, 20, 3, 3);
        image.rect(PaletteColor.BLACK, 35, 25, 1, 3); // 3 pixels: noise

        List<Blob> blobs = ForegroundBlobs.find(RgbPixels.of(image.image()));

        assertThat(blobs)
                .extracting(Blob::left, Blob::top, Blob::width, Blob::height)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(5, 4, 6, 5),
                        org.assertj.core.groups.Tuple.tuple(20, 4, 8, 3),
                        org.assertj.core.groups.Tuple.tuple(2, 20, 3, 3));
        assertThat(blobs.get(0).meanRgb()).isEqualTo(PaletteColor.RED.rgb());
        assertThat(blobs.get(0).fill()).isEqualTo(1.0);
    }

    @Test
    void takesTheMostFrequentColourAsBackground() {
        TestImages image = TestImages.canvas(10, 10, PaletteColor.GREEN);
        image.rect(PaletteColor.WHITE, 0, 0, 3, 3);

        assertThat(ForegroundBlobs.backgroundRgb(RgbPixels.of(image.image())))
                .isEqualTo(PaletteColor.GREEN.rgb());
        assertThat(ForegroundBlobs.find(RgbPixels.of(image.image())))
                .singleElement()
                .satisfies(blob -> assertThat(blob.pixelCount()).isEqualTo(9));
    }

    @Test
    void diagonalNeighboursAreSeparateBlobs() {
        TestImages image = TestImages.canvas(10, 10, PaletteColor.WHITE);
        image.rect(PaletteColor.RED, 0, 0, 2, 2);
        image.rect(PaletteColor.RED, 2, 2, 2, 2);

        assertThat(ForegroundBlobs.find(RgbPixels.of(image.image()))).hasSize(2);
    }
}
