package ai.instill.flink.server.real;

import static org.assertj.core.api.Assertions.assertThat;

import ai.instill.flink.server.real.weights.WeightFile;
import ai.instill.flink.server.real.weights.WeightsUnavailable;
import ai.instill.flink.server.testing.TestImages;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.awt.Color;
import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real vision models on a generated picture with known content: a person cut from a photo and
 * pasted at a known place on a plain grey canvas.
 */
class VisionModelsTest {

    @RegisterExtension static final RealModelServer SERVER = new RealModelServer();

    private static final int WIDTH = 640;
    private static final int HEIGHT = 480;

    @Test
    void detectsThePersonWhereThePhotoWasPasted() throws WeightsUnavailable {
        SERVER.assumeReal(RealModels.DETECTOR, WeightFile.SSD_MOBILENET_V2, WeightFile.PHOTO_GROUP);
        SamplePhotos.Picture picture = person();

        List<Struct> objects =
                objects(SERVER.call(RealModels.DETECTOR, Pictures.imageInput(picture.png())));

        Struct best = null;
        for (Struct object : objects) {
            if (object.getFieldsOrThrow("category").getStringValue().equals("Person")
                    && (best == null
                            || Pictures.number(object, "score") > Pictures.number(best, "score"))) {
                best = object;
            }
        }
        assertThat(best).as("a Person among %s", objects).isNotNull();
        assertThat(Pictures.iou(Pictures.box(best), picture.subject())).isGreaterThan(0.4);
    }

    @Test
    void findsNothingOnAPlainCanvas() {
        SERVER.assumeReal(RealModels.DETECTOR, WeightFile.SSD_MOBILENET_V2);
        SERVER.assumeReal(RealModels.KEYPOINT, WeightFile.BLAZEFACE_BACK);

        Struct input = Pictures.imageInput(plain());

        assertThat(objects(SERVER.call(RealModels.DETECTOR, input))).isEmpty();
        assertThat(objects(SERVER.call(RealModels.KEYPOINT, input))).isEmpty();
        assertThat(objects(SERVER.call(RealModels.INSTANCE_SEGMENTER, input))).isEmpty();
    }

    @Test
    void classifiesThePictureByTheDetectorsMostConfidentClass() throws WeightsUnavailable {
        SERVER.assumeReal(
                RealModels.CLASSIFIER, WeightFile.SSD_MOBILENET_V2, WeightFile.PHOTO_GROUP);

        Struct data = data(SERVER.call(RealModels.CLASSIFIER, Pictures.imageInput(person().png())));

        assertThat(data.getFieldsOrThrow("category").getStringValue()).isEqualTo("Person");
        assertThat(Pictures.number(data, "score")).isBetween(0.3, 1.0);
    }

    @Test
    void placesTheFacesKeypointsInsideItsBoxInThePastedPhoto() throws WeightsUnavailable {
        SERVER.assumeReal(RealModels.KEYPOINT, WeightFile.BLAZEFACE_BACK, WeightFile.PHOTO_GROUP);
        SamplePhotos.Picture picture = person();

        List<Struct> faces =
                objects(SERVER.call(RealModels.KEYPOINT, Pictures.imageInput(picture.png())));

        assertThat(faces).hasSize(1);
        Rectangle face = Pictures.box(faces.get(0));
        // the face is in the upper third of the pasted photo
        assertThat(picture.subject().contains(face))
                .as("%s inside %s", face, picture.subject())
                .isTrue();
        assertThat(face.getCenterY())
                .isLessThan(picture.subject().y + picture.subject().height / 3.0);
        List<Value> keypoints =
                faces.get(0).getFieldsOrThrow("keypoints").getListValue().getValuesList();
        assertThat(keypoints).hasSize(6);
        Rectangle slack =
                new Rectangle(
                        face.x - face.width / 10,
                        face.y - face.height / 10,
                        face.width * 6 / 5,
                        face.height * 6 / 5);
        for (Value point : keypoints) {
            Struct p = point.getStructValue();
            assertThat(slack.contains(Pictures.number(p, "x"), Pictures.number(p, "y")))
                    .as("%s inside %s", p, face)
                    .isTrue();
        }
    }

    @Test
    void segmentsThePersonInsideThePastedPhotoAndLittleElse() throws WeightsUnavailable {
        SERVER.assumeReal(
                RealModels.SEMANTIC_SEGMENTER,
                WeightFile.SELFIE_SEGMENTATION,
                WeightFile.PHOTO_GROUP);
        SamplePhotos.Picture picture = person();

        List<Value> stuffs =
                data(SERVER.call(RealModels.SEMANTIC_SEGMENTER, Pictures.imageInput(picture.png())))
                        .getFieldsOrThrow("stuffs")
                        .getListValue()
                        .getValuesList();

        assertThat(stuffs).hasSize(2);
        Struct person = stuffs.get(0).getStructValue();
        assertThat(person.getFieldsOrThrow("category").getStringValue()).isEqualTo("person");
        boolean[][] mask =
                Pictures.mask(person.getFieldsOrThrow("rle").getStringValue(), WIDTH, HEIGHT);
        Rectangle pasted = picture.subject();
        long inside = 0;
        long outside = 0;
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                if (mask[y][x]) {
                    if (pasted.contains(x, y)) {
                        inside++;
                    } else {
                        outside++;
                    }
                }
            }
        }
        // the person fills most of the pasted photo (her neighbours' edges are in it too); the
        // plain canvas around is background
        assertThat(inside).isGreaterThan((long) (0.5 * pasted.width * pasted.height));
        assertThat(outside).isLessThan(inside / 50);
        boolean[][] background =
                Pictures.mask(
                        stuffs.get(1).getStructValue().getFieldsOrThrow("rle").getStringValue(),
                        WIDTH,
                        HEIGHT);
        assertThat(Pictures.count(background) + Pictures.count(mask))
                .isEqualTo((long) WIDTH * HEIGHT);
    }

    @Test
    void segmentsOnePersonInstanceInsideThePastedPhoto() throws WeightsUnavailable {
        SERVER.assumeReal(
                RealModels.INSTANCE_SEGMENTER,
                WeightFile.BLAZEFACE_BACK,
                WeightFile.SELFIE_SEGMENTATION,
                WeightFile.PHOTO_GROUP);
        SamplePhotos.Picture picture = person();

        List<Struct> persons =
                objects(
                        SERVER.call(
                                RealModels.INSTANCE_SEGMENTER, Pictures.imageInput(picture.png())));

        assertThat(persons).hasSize(1);
        Struct person = persons.get(0);
        assertThat(person.getFieldsOrThrow("category").getStringValue()).isEqualTo("person");
        Rectangle box = Pictures.box(person);
        assertThat(Pictures.iou(box, picture.subject())).isGreaterThan(0.4);
        boolean[][] mask =
                Pictures.mask(
                        person.getFieldsOrThrow("rle").getStringValue(), box.width, box.height);
        assertThat(Pictures.count(mask)).isGreaterThan((long) (0.4 * box.width * box.height));
    }

    @Test
    void answersABatchInInputOrder() throws WeightsUnavailable {
        SERVER.assumeReal(RealModels.KEYPOINT, WeightFile.BLAZEFACE_BACK, WeightFile.PHOTO_GROUP);

        List<Struct> outputs =
                SERVER.callAll(
                        RealModels.KEYPOINT,
                        List.of(
                                Pictures.imageInput(plain()),
                                Pictures.imageInput(person().png()),
                                Pictures.imageInput(plain())));

        List<Integer> faces = new ArrayList<>();
        for (Struct output : outputs) {
            faces.add(objects(output).size());
        }
        assertThat(faces).containsExactly(0, 1, 0);
    }

    private static SamplePhotos.Picture person() throws WeightsUnavailable {
        return SamplePhotos.personOnCanvas(WIDTH, HEIGHT, 200, 30, 260);
    }

    private static byte[] plain() {
        return TestImages.solid(new Color(225, 228, 232), WIDTH, HEIGHT);
    }

    private static Struct data(Struct output) {
        return output.getFieldsOrThrow("data").getStructValue();
    }

    private static List<Struct> objects(Struct output) {
        List<Struct> objects = new ArrayList<>();
        for (Value object :
                data(output).getFieldsOrThrow("objects").getListValue().getValuesList()) {
            objects.add(object.getStructValue());
        }
        return objects;
    }
}
