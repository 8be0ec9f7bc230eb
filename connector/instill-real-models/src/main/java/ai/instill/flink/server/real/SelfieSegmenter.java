package ai.instill.flink.server.real;

import ai.instill.flink.server.imaging.RgbPixels;
import ai.instill.flink.server.real.weights.WeightFile;
import ai.instill.flink.server.real.weights.Weights;
import ai.instill.flink.server.real.weights.WeightsUnavailable;

/**
 * MediaPipe's selfie segmentation (person versus background, 256×256), run by OpenCV's TFLite
 * importer; answers a person mask at the image's own size.
 */
final class SelfieSegmenter {

    static final String MODEL = "MediaPipe selfie segmentation on OpenCV 4.13 DNN";

    private static final int SIZE = 256;

    private final TfliteNet net;

    private SelfieSegmenter(TfliteNet net) {
        this.net = net;
    }

    static SelfieSegmenter load() throws WeightsUnavailable {
        return new SelfieSegmenter(
                TfliteNet.load(Weights.path(WeightFile.SELFIE_SEGMENTATION), SIZE));
    }

    /** {@code mask[y][x]}: whether the pixel belongs to a person (probability at least ½). */
    boolean[][] personMask(RgbPixels image) {
        float[] probabilities =
                net.run(Tensors.nchw(image, Region.whole(image), SIZE, 1 / 255f, 0f))[0];
        boolean[][] mask = new boolean[image.height()][image.width()];
        for (int y = 0; y < image.height(); y++) {
            int my = Math.min(SIZE - 1, (int) ((y + 0.5) * SIZE / image.height()));
            for (int x = 0; x < image.width(); x++) {
                int mx = Math.min(SIZE - 1, (int) ((x + 0.5) * SIZE / image.width()));
                mask[y][x] = probabilities[my * SIZE + mx] >= 0.5f;
            }
        }
        return mask;
    }
}
