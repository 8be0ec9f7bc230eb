package ai.instill.flink.server.real;

import java.util.ArrayList;
import java.util.List;

/**
 * The anchor boxes of MediaPipe's SSD configuration (its {@code SsdAnchorsCalculator} with 6
 * layers, strides 16…512, scales 0.2–0.95, aspect ratios 1, 2, ½, 3, ⅓ plus an interpolated one, 3
 * boxes in the lowest layer), as {@code {centreX, centreY, width, height}} in [0, 1].
 */
final class SsdAnchors {

    private static final int[] STRIDES = {16, 32, 64, 128, 256, 512};
    private static final double[] ASPECT_RATIOS = {1.0, 2.0, 0.5, 3.0, 0.3333};
    private static final double MIN_SCALE = 0.2;
    private static final double MAX_SCALE = 0.95;

    private SsdAnchors() {}

    static List<double[]> mediaPipe(int inputSize) {
        List<double[]> anchors = new ArrayList<>();
        for (int layer = 0; layer < STRIDES.length; layer++) {
            List<double[]> shapes = new ArrayList<>(); // {width, height}
            double scale = scale(layer);
            if (layer == 0) {
                shapes.add(shape(0.1, 1.0));
                shapes.add(shape(scale, 2.0));
                shapes.add(shape(scale, 0.5));
            } else {
                for (double ratio : ASPECT_RATIOS) {
                    shapes.add(shape(scale, ratio));
                }
                double next = layer == STRIDES.length - 1 ? 1.0 : scale(layer + 1);
                shapes.add(shape(Math.sqrt(scale * next), 1.0));
            }
            int cells = (int) Math.ceil((double) inputSize / STRIDES[layer]);
            for (int y = 0; y < cells; y++) {
                for (int x = 0; x < cells; x++) {
                    for (double[] shape : shapes) {
                        anchors.add(
                                new double[] {
                                    (x + 0.5) / cells, (y + 0.5) / cells, shape[0], shape[1]
                                });
                    }
                }
            }
        }
        return anchors;
    }

    private static double scale(int layer) {
        return MIN_SCALE + (MAX_SCALE - MIN_SCALE) * layer / (STRIDES.length - 1);
    }

    private static double[] shape(double scale, double aspectRatio) {
        double root = Math.sqrt(aspectRatio);
        return new double[] {scale * root, scale / root};
    }
}
