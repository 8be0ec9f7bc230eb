package ai.instill.flink.server.real;

import ai.instill.flink.server.imaging.RgbPixels;

/**
 * Samples a region of an image (bilinear, black outside the image) into the float tensors the
 * networks take, each channel as {@code value * scale + offset}.
 */
final class Tensors {

    private Tensors() {}

    /** Planar RGB, {@code [1, 3, size, size]} (OpenCV's TFLite blobs). */
    static float[] nchw(RgbPixels image, Region region, int size, float scale, float offset) {
        float[] tensor = new float[3 * size * size];
        int plane = size * size;
        sample(
                image,
                region,
                size,
                (i, r, g, b) -> {
                    tensor[i] = r * scale + offset;
                    tensor[plane + i] = g * scale + offset;
                    tensor[2 * plane + i] = b * scale + offset;
                });
        return tensor;
    }

    /** Interleaved RGB, {@code [1, size, size, 3]} (the ONNX exports). */
    static float[] nhwc(RgbPixels image, Region region, int size, float scale, float offset) {
        float[] tensor = new float[3 * size * size];
        sample(
                image,
                region,
                size,
                (i, r, g, b) -> {
                    tensor[3 * i] = r * scale + offset;
                    tensor[3 * i + 1] = g * scale + offset;
                    tensor[3 * i + 2] = b * scale + offset;
                });
        return tensor;
    }

    private interface PixelSink {
        void put(int index, float red, float green, float blue);
    }

    private static void sample(RgbPixels image, Region region, int size, PixelSink sink) {
        for (int y = 0; y < size; y++) {
            double sy = region.y((y + 0.5) / size) - 0.5;
            for (int x = 0; x < size; x++) {
                double sx = region.x((x + 0.5) / size) - 0.5;
                float[] rgb = bilinear(image, sx, sy);
                sink.put(y * size + x, rgb[0], rgb[1], rgb[2]);
            }
        }
    }

    private static float[] bilinear(RgbPixels image, double x, double y) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        double fx = x - x0;
        double fy = y - y0;
        float[] out = new float[3];
        accumulate(image, x0, y0, (1 - fx) * (1 - fy), out);
        accumulate(image, x0 + 1, y0, fx * (1 - fy), out);
        accumulate(image, x0, y0 + 1, (1 - fx) * fy, out);
        accumulate(image, x0 + 1, y0 + 1, fx * fy, out);
        return out;
    }

    private static void accumulate(RgbPixels image, int x, int y, double weight, float[] out) {
        if (weight == 0 || x < -1 || y < -1 || x > image.width() || y > image.height()) {
            return;
        }
        // edge pixels are repeated half a pixel out; beyond that the region is black
        int rgb =
                image.rgb(
                        Math.max(0, Math.min(image.width() - 1, x)),
                        Math.max(0, Math.min(image.height() - 1, y)));
        out[0] += (float) (weight * RgbPixels.red(rgb));
        out[1] += (float) (weight * RgbPixels.green(rgb));
        out[2] += (float) (weight * RgbPixels.blue(rgb));
    }
}
