package ai.instill.flink.server.real;

import ai.instill.flink.server.imaging.RgbPixels;
import ai.instill.flink.server.models.ImageInputs;
import ai.instill.flink.server.models.ModelBackend;
import ai.instill.flink.server.models.ModelFailure;
import ai.instill.flink.server.models.StructValues;
import ai.onnxruntime.OrtException;
import com.google.protobuf.Struct;
import java.util.ArrayList;
import java.util.List;

/**
 * Keypoints by BlazeFace: one object per face with its box and six keypoints in BlazeFace's order
 * (right eye, left eye, nose tip, mouth centre, right ear tragion, left ear tragion).
 */
final class KeypointBackend implements ModelBackend {

    private final BlazeFace blazeFace;

    KeypointBackend(BlazeFace blazeFace) {
        this.blazeFace = blazeFace;
    }

    @Override
    public String label() {
        return ModelBackend.realLabel(BlazeFace.MODEL);
    }

    @Override
    public Struct infer(Struct taskInput) throws ModelFailure {
        RgbPixels image = ImageInputs.visionImage(taskInput);
        List<Struct> objects = new ArrayList<>();
        try {
            for (BlazeFace.Face face : blazeFace.faces(image)) {
                List<Struct> keypoints = new ArrayList<>();
                for (double[] point : face.keypoints()) {
                    keypoints.add(StructValues.struct("x", point[0], "y", point[1], "v", 1.0));
                }
                objects.add(
                        StructValues.struct(
                                "keypoints", keypoints,
                                "score", face.box().score(),
                                "bounding-box",
                                        face.box().boundingBox(image.width(), image.height())));
            }
        } catch (OrtException e) {
            throw new ModelFailure("BlazeFace failed: " + e.getMessage(), e);
        }
        return RealOutput.of(StructValues.struct("objects", objects), BlazeFace.MODEL);
    }
}
