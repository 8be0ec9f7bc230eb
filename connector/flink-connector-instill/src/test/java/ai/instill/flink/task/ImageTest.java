package ai.instill.flink.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ImageTest {

    @Test
    void keepsOnlyTheTextAfterTheLastCommaOfADataUri() {
        Image image = Image.ofBase64("data:image/png;base64," + ImageSamples.PNG_BASE64);

        assertThat(image.base64()).isEqualTo(ImageSamples.PNG_BASE64);
        assertThat(image).isEqualTo(ImageSamples.png());
    }

    @Test
    void ignoresLineBreaksInBase64() {
        String wrapped =
                ImageSamples.PNG_BASE64.substring(0, 20)
                        + "\r\n"
                        + ImageSamples.PNG_BASE64.substring(20);

        assertThat(Image.ofBase64(wrapped).base64()).isEqualTo(ImageSamples.PNG_BASE64);
    }

    @Test
    void bytesAndBase64OfTheSameFileAreEqual() {
        byte[] bytes = Base64.getDecoder().decode(ImageSamples.PNG_BASE64);
        Image fromBytes = Image.ofBytes(bytes);

        assertThat(fromBytes).isEqualTo(ImageSamples.png()).hasSameHashCodeAs(ImageSamples.png());
        assertThat(fromBytes.base64()).isEqualTo(ImageSamples.PNG_BASE64);
        assertThat(fromBytes.bytes()).isEqualTo(bytes);
        assertThat(fromBytes.size()).isEqualTo(bytes.length);
    }

    @Test
    void wrapsTheBytesItIsGivenAndCopiesTheBytesItHandsOut() {
        byte[] bytes = Base64.getDecoder().decode(ImageSamples.PNG_BASE64);
        Image image = Image.ofBytes(bytes);
        image.bytes()[1] = 0;

        assertThat(image.decodedBytes()).isSameAs(bytes);
        assertThat(image.mimeType()).isEqualTo("image/png");
    }

    @Test
    void anImageFromTextKeepsOnlyItsTextAndDecodesItWhenAsked() {
        Image image = Image.ofBase64(ImageSamples.PNG_BASE64);

        assertThat(image.decodedBytes())
                .isEqualTo(Base64.getDecoder().decode(ImageSamples.PNG_BASE64))
                .isNotSameAs(image.decodedBytes());
    }

    @Test
    void sniffsTheMimeTypeFromMagicBytes() {
        assertThat(ImageSamples.png().mimeType()).isEqualTo("image/png");
        assertThat(ImageSamples.jpeg().mimeType()).isEqualTo("image/jpeg");
        assertThat(Image.ofBase64(ImageSamples.GIF_BASE64).mimeType()).isEqualTo("image/gif");
        assertThat(Image.ofBase64(ImageSamples.BMP_BASE64).mimeType()).isEqualTo("image/bmp");
        assertThat(Image.ofBase64(ImageSamples.TIFF_BASE64).mimeType()).isEqualTo("image/tiff");
        assertThat(Image.ofBytes(ImageSamples.webpVp8x(4, 2)).mimeType()).isEqualTo("image/webp");
        assertThat(Image.ofBytes("hello".getBytes(StandardCharsets.UTF_8)).mimeType())
                .isEqualTo("application/octet-stream");
    }

    @Test
    void buildsADataUriWithTheSniffedMimeType() {
        assertThat(
                        Image.ofBase64(
                                        "data:application/octet-stream;base64,"
                                                + ImageSamples.PNG_BASE64)
                                .dataUri())
                .isEqualTo("data:image/png;base64," + ImageSamples.PNG_BASE64);
    }

    @Test
    void readsTheSizeFromTheHeaderOfEveryFormat() {
        ImageDimensions fourByTwo = new ImageDimensions(4, 2);
        assertThat(ImageSamples.png().dimensions()).isEqualTo(fourByTwo);
        assertThat(ImageSamples.jpeg().dimensions()).isEqualTo(fourByTwo);
        assertThat(Image.ofBase64(ImageSamples.GIF_BASE64).dimensions()).isEqualTo(fourByTwo);
        assertThat(Image.ofBase64(ImageSamples.BMP_BASE64).dimensions()).isEqualTo(fourByTwo);
        assertThat(Image.ofBase64(ImageSamples.TIFF_BASE64).dimensions()).isEqualTo(fourByTwo);
    }

    @Test
    void readsTheSizeOfEveryWebpVariant() {
        assertThat(Image.ofBytes(ImageSamples.webpVp8x(4000, 3000)).dimensions())
                .isEqualTo(new ImageDimensions(4000, 3000));
        assertThat(Image.ofBytes(ImageSamples.webpVp8l(640, 480)).dimensions())
                .isEqualTo(new ImageDimensions(640, 480));
        assertThat(Image.ofBytes(ImageSamples.webpVp8(320, 200)).dimensions())
                .isEqualTo(new ImageDimensions(320, 200));
    }

    @Test
    void readsTheSizeAHeaderDeclaresWithoutLookingAtThePixels() {
        assertThat(Image.ofBytes(ImageSamples.pngDeclaring(100_000, 100_000)).dimensions())
                .isEqualTo(new ImageDimensions(100_000, 100_000));
        assertThat(Image.ofBytes(ImageSamples.jpegDeclaring(65_000, 60_000)).dimensions())
                .isEqualTo(new ImageDimensions(65_000, 60_000));
    }

    @Test
    void readsTheSizeOfAJpegFromItsFrameHeaderAfterAnExifThumbnail() {
        assertThat(Image.ofBytes(ImageSamples.jpegWithThumbnail()).dimensions())
                .isEqualTo(new ImageDimensions(4, 2));
    }

    @Test
    void readsTheSizeOfATopDownBmp() {
        byte[] bmp = Base64.getDecoder().decode(ImageSamples.BMP_BASE64);
        bmp[22] = -2; // height -2 (little-endian two's complement): rows stored top to bottom
        bmp[23] = -1;
        bmp[24] = -1;
        bmp[25] = -1;

        assertThat(Image.ofBytes(bmp).dimensions()).isEqualTo(new ImageDimensions(4, 2));
    }

    @Test
    void refusesAPngHeaderThatStatesAZeroWidth() {
        assertThatThrownBy(() -> Image.ofBytes(ImageSamples.pngDeclaring(0, 2)).dimensions())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "cannot read the size of the PNG image (IHDR states 0 × 2, outside 1 to"
                                + " 2^31-1)");
    }

    @Test
    void failsToReadTheSizeOfAJpegCutBeforeItsFrameHeader() {
        byte[] jpeg = ImageSamples.jpeg().bytes();

        assertThatThrownBy(() -> Image.ofBytes(java.util.Arrays.copyOf(jpeg, 30)).dimensions())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "cannot read the size of the JPEG image (it ends before its SOF segment)");
    }

    @Test
    void failsToReadTheSizeOfATruncatedImage() {
        byte[] png = Base64.getDecoder().decode(ImageSamples.PNG_BASE64);
        byte[] truncated = java.util.Arrays.copyOf(png, 12);

        assertThatThrownBy(() -> Image.ofBytes(truncated).dimensions())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot read the size of the PNG image");
    }

    @Test
    void decodesLazilySoInvalidBase64FailsOnlyWhenUsed() {
        Image image = Image.ofBase64("not base64!");

        assertThat(image.base64()).isEqualTo("notbase64!");
        assertThat(image.toString()).isEqualTo("Image[invalid base64, 10 characters]");
        assertThatThrownBy(image::bytes)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not valid base64");
    }

    @Test
    void describesItselfWithoutPrintingTheData() {
        assertThat(ImageSamples.png().toString()).isEqualTo("Image[image/png, 70 bytes]");
    }

    @Test
    void survivesJavaSerialization() {
        Image fromText = ImageSamples.jpeg();
        Image fromBytes = Image.ofBytes(Base64.getDecoder().decode(ImageSamples.PNG_BASE64));

        assertThat(ImageSamples.roundTrip(fromText)).isEqualTo(fromText);
        assertThat(ImageSamples.roundTrip(fromBytes)).isEqualTo(fromBytes);
        assertThat(ImageSamples.roundTrip(fromBytes).dimensions())
                .isEqualTo(new ImageDimensions(4, 2));
    }
}
