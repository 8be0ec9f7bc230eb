package ai.instill.flink.server.real;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_dnn.readNetFromTFLite;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.StringVector;
import org.bytedeco.opencv.opencv_dnn.Net;

/**
 * A TFLite network run by OpenCV's DNN module on square planar RGB input; one call at a time (an
 * OpenCV {@code Net} is not thread-safe).
 */
final class TfliteNet {

    private final Net net;
    private final StringVector outputNames;
    private final int size;

    private TfliteNet(Net net, int size) {
        this.net = net;
        this.outputNames = net.getUnconnectedOutLayersNames();
        this.size = size;
    }

    /** Loads the model file; {@code size} is the side of its square input. */
    static TfliteNet load(Path model, int size) {
        Net net = readNetFromTFLite(model.toString());
        if (net.empty()) {
            throw new IllegalStateException("OpenCV could not read " + model);
        }
        return new TfliteNet(net, size);
    }

    int size() {
        return size;
    }

    /** Runs the network on a {@code [1, 3, size, size]} tensor; every output, flattened. */
    synchronized float[][] run(float[] nchw) {
        try (Mat blob = new Mat(new int[] {1, 3, size, size}, CV_32F);
                MatVector outputs = new MatVector()) {
            new FloatPointer(blob.data()).put(nchw);
            net.setInput(blob);
            net.forward(outputs, outputNames);
            float[][] values = new float[(int) outputs.size()][];
            for (int i = 0; i < values.length; i++) {
                Mat output = outputs.get(i);
                FloatBuffer buffer = output.createBuffer();
                values[i] = new float[(int) output.total()];
                buffer.get(values[i]);
            }
            return values;
        }
    }
}
