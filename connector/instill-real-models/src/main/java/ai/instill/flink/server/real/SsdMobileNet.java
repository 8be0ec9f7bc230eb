package ai.instill.flink.server.real;

import ai.instill.flink.server.imaging.RgbPixels;
import ai.instill.flink.server.real.weights.WeightFile;
import ai.instill.flink.server.real.weights.Weights;
import ai.instill.flink.server.real.weights.WeightsUnavailable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * MediaPipe's SSD MobileNetV2 trained on 23 Open Images classes (Objectron's first stage), run by
 * OpenCV's TFLite importer; decodes its 1917 anchor boxes as MediaPipe does.
 */
final class SsdMobileNet {

    /** What the model list shows. */
    static final String MODEL = "SSD MobileNetV2 OIDv4 (MediaPipe, 23 classes) on OpenCV 4.13 DNN";

    private static final int SIZE = 300;
    private static final double[] SCALES = {10, 10, 5, 5};
    private static final double MAX_IOU = 0.45;

    private final TfliteNet net;
    private final List<String> labels;
    private final List<double[]> anchors = SsdAnchors.mediaPipe(SIZE);

    private SsdMobileNet(TfliteNet net, List<String> labels) {
        this.net = net;
        this.labels = labels;
    }

    static SsdMobileNet load() throws WeightsUnavailable, IOException {
        List<String> labels =
                Files.readAllLines(Weights.path(WeightFile.SSD_LABELS), StandardCharsets.UTF_8);
        return new SsdMobileNet(
                TfliteNet.load(Weights.path(WeightFile.SSD_MOBILENET_V2), SIZE), labels);
    }

    /**
     * Every object scored at least {@code minScore}, best first, after non-maximum suppression per
     * class.
     */
    List<Detection> detect(RgbPixels image, double minScore) {
        Region region = Region.whole(image);
        float[][] outputs = net.run(Tensors.nchw(image, region, SIZE, 1 / 127.5f, -1f));
        float[] boxes = outputs[0];
        float[] classes = outputs[1];
        int classCount = classes.length / anchors.size();
        List<Detection> found = new ArrayList<>();
        for (int a = 0; a < anchors.size(); a++) {
            for (int c = 1; c < classCount; c++) {
                double score = sigmoid(classes[a * classCount + c]);
                if (score >= minScore) {
                    found.add(decode(boxes, a, label(c), score, region));
                }
            }
        }
        return Detection.suppress(found, MAX_IOU);
    }

    /** The single most confident class over all anchors, whatever its score. */
    Detection mostConfident(RgbPixels image) {
        Region region = Region.whole(image);
        float[][] outputs = net.run(Tensors.nchw(image, region, SIZE, 1 / 127.5f, -1f));
        int classCount = outputs[1].length / anchors.size();
        int best = 1;
        for (int i = 1; i < outputs[1].length; i++) {
            if (i % classCount != 0 && outputs[1][i] > outputs[1][best]) {
                best = i;
            }
        }
        int anchor = best / classCount;
        return decode(
                outputs[0], anchor, label(best % classCount), sigmoid(outputs[1][best]), region);
    }

    private Detection decode(float[] boxes, int a, String label, double score, Region region) {
        double[] anchor = anchors.get(a);
        double cy = boxes[4 * a] / SCALES[0] * anchor[3] + anchor[1];
        double cx = boxes[4 * a + 1] / SCALES[1] * anchor[2] + anchor[0];
        double h = Math.exp(boxes[4 * a + 2] / SCALES[2]) * anchor[3];
        double w = Math.exp(boxes[4 * a + 3] / SCALES[3]) * anchor[2];
        return new Detection(
                label,
                score,
                region.x(cx - w / 2),
                region.y(cy - h / 2),
                region.x(cx + w / 2),
                region.y(cy + h / 2));
    }

    private String label(int index) {
        return index < labels.size() ? labels.get(index).strip() : "class " + index;
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
