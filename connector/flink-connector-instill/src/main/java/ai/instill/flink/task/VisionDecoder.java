package ai.instill.flink.task;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Decodes the {@code data} object of the six vision tasks into their typed results. */
final class VisionDecoder {

    private VisionDecoder() {}

    static ClassificationResult classification(OutputObject data) {
        return new ClassificationResult(data.string("category"), data.number("score"));
    }

    static DetectionResult detection(OutputObject data) {
        List<DetectedObject> objects = new ArrayList<>();
        for (OutputObject object : data.objects("objects")) {
            objects.add(
                    new DetectedObject(
                            object.string("category"), object.number("score"), box(object)));
        }
        return new DetectionResult(objects);
    }

    static KeypointResult keypoint(OutputObject data) {
        List<KeypointObject> objects = new ArrayList<>();
        for (OutputObject object : data.objects("objects")) {
            List<Keypoint> keypoints = new ArrayList<>();
            for (OutputObject point : object.objects("keypoints")) {
                keypoints.add(
                        new Keypoint(point.number("x"), point.number("y"), point.number("v")));
            }
            objects.add(new KeypointObject(object.number("score"), box(object), keypoints));
        }
        return new KeypointResult(objects);
    }

    static OcrResult ocr(OutputObject data) {
        List<OcrObject> objects = new ArrayList<>();
        for (OutputObject object : data.objects("objects")) {
            objects.add(new OcrObject(object.string("text"), object.number("score"), box(object)));
        }
        return new OcrResult(objects);
    }

    static InstanceSegmentationResult instanceSegmentation(OutputObject data) {
        List<InstanceObject> objects = new ArrayList<>();
        for (OutputObject object : data.objects("objects")) {
            BoundingBox box = box(object);
            OutputObject boxObject = object.object("bounding-box");
            long height = maskSide(box.height(), boxObject, "height");
            long width = maskSide(box.width(), boxObject, "width");
            if (height * width > Integer.MAX_VALUE) {
                throw OutputObject.malformed(
                        boxObject.path("width"),
                        "a " + height + " × " + width + " pixel box is too large for a mask");
            }
            String rle = object.string("rle");
            checkRle(
                    () -> RleCounts.sizeInBox(rle, box.height(), box.width()),
                    object,
                    () -> "instance masks cover the bounding box");
            objects.add(
                    new InstanceObject(
                            object.string("category"), object.number("score"), box, rle));
        }
        return new InstanceSegmentationResult(objects);
    }

    static SemanticSegmentationResult semanticSegmentation(
            OutputObject data, ImageDimensions image) {
        List<Stuff> stuffs = new ArrayList<>();
        for (OutputObject stuff : data.objects("stuffs")) {
            String rle = stuff.string("rle");
            checkRle(
                    () -> RleCounts.check(rle, image.height(), image.width()),
                    stuff,
                    () ->
                            "semantic masks cover the whole "
                                    + image.width()
                                    + " wide × "
                                    + image.height()
                                    + " high input image");
            stuffs.add(new Stuff(stuff.string("category"), rle));
        }
        return new SemanticSegmentationResult(image.height(), image.width(), stuffs);
    }

    private static BoundingBox box(OutputObject object) {
        OutputObject box = object.object("bounding-box");
        return new BoundingBox(
                box.number("left"), box.number("top"), box.number("width"), box.number("height"));
    }

    private static long maskSide(double size, OutputObject box, String key) {
        long rounded = Math.round(size);
        if (rounded < 0) {
            throw OutputObject.malformed(box.path(key), "expected a size not below 0, got " + size);
        }
        return rounded;
    }

    /**
     * Runs {@code check} on the {@code rle} field of {@code owner}; the path and the region are
     * spelled out only on failure.
     */
    private static void checkRle(Runnable check, OutputObject owner, Supplier<String> region) {
        try {
            check.run();
        } catch (IllegalArgumentException e) {
            throw OutputObject.malformed(owner.path("rle"), e.getMessage() + "; " + region.get());
        }
    }
}
