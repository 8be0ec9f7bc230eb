package ai.instill.flink.server.real;

import ai.instill.flink.server.models.ImageInputs;
import ai.instill.flink.server.models.ModelBackend;
import ai.instill.flink.server.models.ModelFailure;
import ai.instill.flink.server.models.StructValues;
import com.google.protobuf.Struct;

/**
 * Classification, narrowly: the image's category is the SSD detector's most confident class (one of
 * its 23 Open Images classes), not an ImageNet-style classifier; no such weights exist in the
 * registries the build uses.
 */
final class TopClassBackend implements ModelBackend {

    static final String MODEL = "the most confident class of " + SsdMobileNet.MODEL;

    private final SsdMobileNet ssd;

    TopClassBackend(SsdMobileNet ssd) {
        this.ssd = ssd;
    }

    @Override
    public String label() {
        return ModelBackend.realLabel(MODEL);
    }

    @Override
    public Struct infer(Struct taskInput) throws ModelFailure {
        Detection top = ssd.mostConfident(ImageInputs.visionImage(taskInput));
        return RealOutput.of(
                StructValues.struct("category", top.label(), "score", top.score()), MODEL);
    }
}
