package ai.instill.flink.server.models;

import static ai.instill.flink.server.models.StructValues.struct;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.instill.flink.server.imaging.ColumnMajorRle;
import ai.instill.flink.server.imaging.PaletteColor;
import ai.instill.flink.server.imaging.TextImages;
import ai.instill.flink.server.testing.TestImages;
import ai.instill.flink.server.testutils.TaskInputs;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class VisionStandInsTest {

    /** 40×30 white; red 6×5 at (5,4); blue 8×3 at (20,10); a 2-pixel green speck that is noise. */
    private static final Struct SCENE;

    static {
        TestImages image = TestImages.canvas(40, 30, PaletteColor.WHITE);
        image.rect(PaletteColor.RED, 5, 4, 6, 5);
        image.rect(PaletteColor.BLUE, 20, 10, 8, 3);
        image.rect(PaletteColor.GREEN, 35, 25, 1, 2);
        SCENE = TaskInputs.image(image.base64());
    }

    @Test
    void classificationNamesTheDominantColourWithItsPixelShare() throws ModelFailure {
        Struct output = new ClassificationStandIn().infer(SCENE);

        Struct data = data(output);
        assertThat(data.getFieldsMap()).containsOnlyKeys("category", "score");
        assertThat(data.getFieldsOrThrow("category").getStringValue()).isEqualTo("white");
        assertThat(data.getFieldsOrThrow("score").getNumberValue())
                .isEqualTo((1200.0 - 30 - 24 - 2) / 1200);
        assertThat(
                        output.getFieldsOrThrow("metadata")
                                .getStructValue()
                                .getFieldsOrThrow("stand-in")
                                .getStringValue())
                .isEqualTo(StandInModel.NOTICE);
    }

    @Test
    void classificationAcceptsDataUris() throws ModelFailure {
        TestImages image = TestImages.canvas(4, 4, PaletteColor.ORANGE);
        Struct output = new ClassificationStandIn().infer(TaskInputs.image(image.dataUri()));

        assertThat(data(output).getFieldsOrThrow("category").getStringValue()).isEqualTo("orange");
        assertThat(data(output).getFieldsOrThrow("score").getNumberValue()).isEqualTo(1.0);
    }

    @Test
    void detectionBoxesEveryShapeExactly() throws ModelFailure {
        List<Value> objects = objects(new DetectionStandIn().infer(SCENE));

        assertThat(objects).hasSize(2);
        assertObject(objects.get(0), "red", 5, 4, 6, 5);
        assertObject(objects.get(1), "blue", 20, 10, 8, 3);
        assertThat(objects.get(0).getStructValue().getFieldsMap())
                .containsOnlyKeys("category", "score", "bounding-box");
        assertThat(number(objects.get(0), "score")).isEqualTo(1.0);
    }

    @Test
    void keypointsAreCentroidThenTopRightBottomLeftExtremes() throws ModelFailure {
        List<Value> objects = objects(new KeypointStandIn().infer(SCENE));

        Struct red = objects.get(0).getStructValue();
        List<Value> keypoints = red.getFieldsOrThrow("keypoints").getListValue().getValuesList();
        assertThat(keypoints)
                .extracting(k -> xyv(k))
                .containsExactly(
                        List.of(7.5, 6.0, 1.0),
                        List.of(5.0, 4.0, 1.0),
                        List.of(10.0, 4.0, 1.0),
                        List.of(5.0, 8.0, 1.0),
                        List.of(5.0, 4.0, 1.0));
        assertThat(red.getFieldsMap()).containsOnlyKeys("keypoints", "score", "bounding-box");
    }

    @Test
    void ocrReadsBitmapFontTextWithItsBox() throws ModelFailure {
        String png = Base64.getEncoder().encodeToString(TextImages.renderPng("HELLO WORLD", 2));

        List<Value> objects = objects(new OcrStandIn().infer(TaskInputs.image(png)));

        assertThat(objects).hasSize(1);
        Struct line = objects.get(0).getStructValue();
        assertThat(line.getFieldsOrThrow("text").getStringValue()).isEqualTo("HELLO WORLD");
        assertThat(line.getFieldsOrThrow("score").getNumberValue()).isEqualTo(1.0);
        assertBox(line, 4, 4, TextImages.textWidth("HELLO WORLD", 2), 14);
    }

    @Test
    void instanceSegmentationMasksDecodeToTheShape() throws ModelFailure {
        TestImages image = TestImages.canvas(20, 20, PaletteColor.WHITE);
        image.rect(PaletteColor.GREEN, 3, 5, 2, 6); // vertical bar of an L
        image.rect(PaletteColor.GREEN, 3, 11, 5, 2); // its foot

        List<Value> objects =
                objects(new InstanceSegmentationStandIn().infer(TaskInputs.image(image.base64())));

        assertThat(objects).hasSize(1);
        Struct object = objects.get(0).getStructValue();
        assertThat(object.getFieldsOrThrow("category").getStringValue()).isEqualTo("green");
        assertBox(object, 3, 5, 5, 8);
        boolean[][] mask =
                ColumnMajorRle.decode(object.getFieldsOrThrow("rle").getStringValue(), 5, 8);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 5; x++) {
                assertThat(mask[y][x]).as("mask(%d,%d)", x, y).isEqualTo(x < 2 || y >= 6);
            }
        }
        assertThat(object.getFieldsOrThrow("score").getNumberValue())
                .isEqualTo((12.0 + 10 - 0) / 40);
    }

    @Test
    void semanticSegmentationGivesOneStuffPerColourOverTheWholeImage() throws ModelFailure {
        TestImages image = TestImages.canvas(4, 2, PaletteColor.WHITE);
        image.rect(PaletteColor.RED, 0, 0, 2, 1);

        List<Value> stuffs =
                data(new SemanticSegmentationStandIn().infer(TaskInputs.image(image.base64())))
                        .getFieldsOrThrow("stuffs")
                        .getListValue()
                        .getValuesList();

        assertThat(stuffs)
                .extracting(
                        s ->
                                s.getStructValue().getFieldsOrThrow("category").getStringValue()
                                        + "="
                                        + s.getStructValue()
                                                .getFieldsOrThrow("rle")
                                                .getStringValue())
                .containsExactly("white=1,1,1,5", "red=0,1,1,1,5");
    }

    @Test
    void undecodableImagesAndUrlsAreModelFailures() {
        assertThatThrownBy(() -> new DetectionStandIn().infer(TaskInputs.image("bm90IGFuIGltYWdl")))
                .isInstanceOf(ModelFailure.class)
                .hasMessageContaining("decode");
        assertThatThrownBy(() -> new DetectionStandIn().infer(TaskInputs.image("***")))
                .isInstanceOf(ModelFailure.class);
        assertThatThrownBy(
                        () ->
                                new ClassificationStandIn()
                                        .infer(TaskInputs.imageUrl("https://example.com/a.png")))
                .isInstanceOf(ModelFailure.class)
                .hasMessageContaining("network");
    }

    @Test
    void transparentPixelsCountAsWhite() throws ModelFailure {
        BufferedImage image = new BufferedImage(3, 3, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(1, 1, Color.BLUE.getRGB());
        Struct output =
                new ClassificationStandIn()
                        .infer(
                                struct(
                                        "data",
                                        struct(
                                                "type",
                                                "image-base64",
                                                "image-base64",
                                                Base64.getEncoder()
                                                        .encodeToString(
                                                                TextImages.encodePng(image)))));

        assertThat(data(output).getFieldsOrThrow("category").getStringValue()).isEqualTo("white");
    }

    static Struct data(Struct output) {
        return output.getFieldsOrThrow("data").getStructValue();
    }

    private static List<Value> objects(Struct output) {
        return data(output).getFieldsOrThrow("objects").getListValue().getValuesList();
    }

    private static double number(Value object, String key) {
        return object.getStructValue().getFieldsOrThrow(key).getNumberValue();
    }

    private static List<Double> xyv(Value keypoint) {
        Struct point = keypoint.getStructValue();
        return List.of(
                point.getFieldsOrThrow("x").getNumberValue(),
                point.getFieldsOrThrow("y").getNumberValue(),
                point.getFieldsOrThrow("v").getNumberValue());
    }

    private static void assertObject(
            Value object, String category, int left, int top, int width, int height) {
        assertThat(object.getStructValue().getFieldsOrThrow("category").getStringValue())
                .isEqualTo(category);
        assertBox(object.getStructValue(), left, top, width, height);
    }

    private static void assertBox(Struct object, int left, int top, int width, int height) {
        Struct box = object.getFieldsOrThrow("bounding-box").getStructValue();
        assertThat(box.getFieldsMap()).containsOnlyKeys("left", "top", "width", "height");
        assertThat(
                        List.of(
                                box.getFieldsOrThrow("left").getNumberValue(),
                                box.getFieldsOrThrow("top").getNumberValue(),
                                box.getFieldsOrThrow("width").getNumberValue(),
                                box.getFieldsOrThrow("height").getNumberValue()))
                .containsExactly((double) left, (double) top, (double) width, (double) height);
    }
}
