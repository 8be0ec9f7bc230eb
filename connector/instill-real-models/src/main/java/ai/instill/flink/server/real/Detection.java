package ai.instill.flink.server.real;

import ai.instill.flink.server.models.BoundingBoxes;
import com.google.protobuf.Struct;
import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** One object a network found: its label, score and box in image pixels. */
record Detection(String label, double score, double left, double top, double right, double bottom) {

    double area() {
        return Math.max(0, right - left) * Math.max(0, bottom - top);
    }

    /** Intersection over union with another box. */
    double iou(Detection other) {
        double w = Math.min(right, other.right) - Math.max(left, other.left);
        double h = Math.min(bottom, other.bottom) - Math.max(top, other.top);
        double intersection = Math.max(0, w) * Math.max(0, h);
        double union = area() + other.area() - intersection;
        return union <= 0 ? 0 : intersection / union;
    }

    /** The box clipped to the image, in whole pixels. */
    Rectangle clipped(int imageWidth, int imageHeight) {
        int l = clip(left, imageWidth);
        int t = clip(top, imageHeight);
        return new Rectangle(l, t, clip(right, imageWidth) - l, clip(bottom, imageHeight) - t);
    }

    /** The box clipped to the image, as the task's {@code bounding-box} object. */
    Struct boundingBox(int imageWidth, int imageHeight) {
        Rectangle box = clipped(imageWidth, imageHeight);
        return BoundingBoxes.of(box.x, box.y, box.width, box.height);
    }

    private static int clip(double value, int limit) {
        return (int) Math.round(Math.max(0, Math.min(limit, value)));
    }

    /**
     * Greedy non-maximum suppression per label: the best-scoring box wins over every box of its
     * label that overlaps it by more than {@code maxIou}.
     */
    static List<Detection> suppress(List<Detection> candidates, double maxIou) {
        List<Detection> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingDouble(Detection::score).reversed());
        List<Detection> kept = new ArrayList<>();
        for (Detection candidate : sorted) {
            boolean overlaps = false;
            for (Detection winner : kept) {
                if (winner.label.equals(candidate.label) && winner.iou(candidate) > maxIou) {
                    overlaps = true;
                    break;
                }
            }
            if (!overlaps) {
                kept.add(candidate);
            }
        }
        return kept;
    }
}
