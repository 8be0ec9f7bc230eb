package ai.instill.flink.server.real;

import ai.instill.flink.server.imaging.RgbPixels;
import ai.instill.flink.server.real.weights.WeightFile;
import ai.instill.flink.server.real.weights.Weights;
import ai.instill.flink.server.real.weights.WeightsUnavailable;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * MediaPipe's BlazeFace (the 256×256 "back camera" model for small faces, as ONNX) run by ONNX
 * Runtime: face boxes with six keypoints (eyes, nose tip, mouth, ear tragions).
 */
final class BlazeFace {

    static final String MODEL = "BlazeFace 256 (MediaPipe, ONNX) on ONNX Runtime 1.20";

    private static final int SIZE = 256;
    private static final int KEYPOINTS = 6;
    private static final double MIN_SCORE = 0.5;
    private static final double MAX_IOU = 0.3;

    /** One face: its box (label "face") and keypoints in image pixels. */
    record Face(Detection box, double[][] keypoints) {}

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final String input;
    private final List<double[]> anchors = anchors();

    private BlazeFace(OrtEnvironment environment, OrtSession session) {
        this.environment = environment;
        this.session = session;
        this.input = session.getInputNames().iterator().next();
    }

    static BlazeFace load() throws WeightsUnavailable, OrtException {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
        options.setIntraOpNumThreads(2);
        return new BlazeFace(
                environment,
                environment.createSession(
                        Weights.path(WeightFile.BLAZEFACE_BACK).toString(), options));
    }

    /** Every face scored at least ½, best first. */
    List<Face> faces(RgbPixels image) throws OrtException {
        Region region = Region.square(image);
        float[] tensor = Tensors.nhwc(image, region, SIZE, 1 / 127.5f, -1f);
        float[] scores;
        float[] regressors;
        try (OnnxTensor in =
                        OnnxTensor.createTensor(
                                environment,
                                FloatBuffer.wrap(tensor),
                                new long[] {1, SIZE, SIZE, 3});
                OrtSession.Result result = session.run(Map.of(input, in))) {
            // outputs: scores of the 16×16 and the 8×8 grid, then their regressors
            scores = concat(floats(result, 0), floats(result, 1));
            regressors = concat(floats(result, 2), floats(result, 3));
        }
        List<Detection> boxes = new ArrayList<>();
        List<double[][]> points = new ArrayList<>();
        for (int a = 0; a < anchors.size(); a++) {
            double score = 1 / (1 + Math.exp(-scores[a]));
            if (score < MIN_SCORE) {
                continue;
            }
            double[] anchor = anchors.get(a);
            int r = a * 16;
            double cx = regressors[r] / SIZE + anchor[0];
            double cy = regressors[r + 1] / SIZE + anchor[1];
            double w = regressors[r + 2] / SIZE;
            double h = regressors[r + 3] / SIZE;
            boxes.add(
                    new Detection(
                            "face",
                            score,
                            region.x(cx - w / 2),
                            region.y(cy - h / 2),
                            region.x(cx + w / 2),
                            region.y(cy + h / 2)));
            double[][] keypoints = new double[KEYPOINTS][];
            for (int k = 0; k < KEYPOINTS; k++) {
                keypoints[k] =
                        new double[] {
                            region.x(regressors[r + 4 + 2 * k] / SIZE + anchor[0]),
                            region.y(regressors[r + 5 + 2 * k] / SIZE + anchor[1])
                        };
            }
            points.add(keypoints);
        }
        List<Face> faces = new ArrayList<>();
        for (Detection kept : Detection.suppress(boxes, MAX_IOU)) {
            faces.add(new Face(kept, points.get(boxes.indexOf(kept))));
        }
        return faces;
    }

    private static float[] floats(OrtSession.Result result, int index) throws OrtException {
        FloatBuffer buffer = ((OnnxTensor) result.get(index)).getFloatBuffer();
        float[] values = new float[buffer.remaining()];
        buffer.get(values);
        return values;
    }

    private static float[] concat(float[] a, float[] b) {
        float[] both = new float[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /** BlazeFace's 896 anchors: 2 per cell of a 16×16 grid, then 6 per cell of an 8×8 grid. */
    private static List<double[]> anchors() {
        List<double[]> anchors = new ArrayList<>();
        int[][] grids = {{16, 2}, {8, 6}};
        for (int[] grid : grids) {
            for (int y = 0; y < grid[0]; y++) {
                for (int x = 0; x < grid[0]; x++) {
                    for (int k = 0; k < grid[1]; k++) {
                        anchors.add(new double[] {(x + 0.5) / grid[0], (y + 0.5) / grid[0]});
                    }
                }
            }
        }
        return anchors;
    }
}
