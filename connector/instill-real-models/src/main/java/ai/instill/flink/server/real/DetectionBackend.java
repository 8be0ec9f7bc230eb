package ai.instill.flink.server.real;

import ai.instill.flink.server.imaging.RgbPixels;
import ai.instill.flink.server.models.ImageInputs;
import ai.instill.flink.server.models.ModelBackend;
import ai.instill.flink.server.models.ModelFailure;
import ai.instill.flink.server.models.StructValues;
import com.google.protobuf.Struct;
import java.util.ArrayList;
import java.util.List;

/** Object detection by the SSD: every object scored at least {@value #MIN_SCORE}. */
final class DetectionBackend implements ModelBackend {

    static final double MIN_SCORE = 0.3;

    private final SsdMobileNet ssd;

    DetectionBackend(SsdMobileNet ssd) {
        this.ssd = ssd;
    }

    @Override
    public String label() {
        return ModelBackend.realLabel(SsdMobileNet.MODEL);
    }

    @Override
    public Struct infer(Struct taskInput) throws ModelFailure {
        RgbPixels image = ImageInputs.visionImage(taskInput);
        List<Struct> objects = new ArrayList<>();
        for (Detection found : ssd.detect(image, MIN_SCORE)) {
            objects.add(
                    StructValues.struct(
                            "category", found.label(),
                            "score", found.score(),
                            "bounding-box", found.boundingBox(image.width(), image.height())));
        }
        return RealOutput.of(StructValues.struct("objects", objects), SsdMobileNet.MODEL);
    }
}
