package ai.instill.flink.server.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import ai.instill.flink.server.testutils.TestImages;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForegroundBlobsTest {

    @Test
    void findsEachShapeWithInclusiveBoxesSortedByTopThenLeft() {
        BufferedImage image = TestImages.canvas(40, 30, PaletteColor.WHITE);
        TestImages.rect(image, 20, 4, 8, 3, PaletteColor.BLUE);
        TestImages.rect(image, 5, 4, 6, 5, PaletteColor.RED);
        TestImages.rect(image, 2, 20, 3, 3, PaletteColor.GREEN);
        TestImages.rect(image, 35, 25, 1, 3, PaletteColor.BLACK); // 3 pixels: noise

        List<Blob> blobs = ForegroundBlobs.find(RgbPixels.of(image));

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
        BufferedImage image = TestImages.canvas(10, 10, PaletteColor.GREEN);
        TestImages.rect(image, 0, 0, 3, 3, PaletteColor.WHITE);

        assertThat(ForegroundBlobs.backgroundRgb(RgbPixels.of(image)))
                .isEqualTo(PaletteColor.GREEN.rgb());
        assertThat(ForegroundBlobs.find(RgbPixels.of(image)))
                .singleElement()
                .satisfies(blob -> assertThat(blob.pixelCount()).isEqualTo(9));
    }

    @Test
    void diagonalNeighboursAreSeparateBlobs() {
        BufferedImage image = TestImages.canvas(10, 10, PaletteColor.WHITE);
        TestImages.rect(image, 0, 0, 2, 2, PaletteColor.RED);
        TestImages.rect(image, 2, 2, 2, 2, PaletteColor.RED);

        assertThat(ForegroundBlobs.find(RgbPixels.of(image))).hasSize(2);
    }
}
