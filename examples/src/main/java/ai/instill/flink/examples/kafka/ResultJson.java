package ai.instill.flink.examples.kafka;

import ai.instill.flink.task.BoundingBox;
import ai.instill.flink.task.ClassificationResult;
import ai.instill.flink.task.DetectedObject;
import ai.instill.flink.task.DetectionResult;
import ai.instill.flink.task.Embedding;
import ai.instill.flink.task.EmbeddingResult;
import ai.instill.flink.task.Image;
import ai.instill.flink.task.InstanceObject;
import ai.instill.flink.task.InstanceSegmentationResult;
import ai.instill.flink.task.Keypoint;
import ai.instill.flink.task.KeypointObject;
import ai.instill.flink.task.KeypointResult;
import ai.instill.flink.task.OcrObject;
import ai.instill.flink.task.OcrResult;
import ai.instill.flink.task.SemanticSegmentationResult;
import ai.instill.flink.task.Stuff;
import ai.instill.flink.task.TaskResult;
import ai.instill.flink.task.TextResult;
import ai.instill.flink.task.TextToImageResult;
import ai.instill.flink.task.Usage;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes a typed result as JSON with the Instill component's key names ({@code bounding-box},
 * {@code finish-reason}, …); images become data URIs and masks stay RLE strings.
 */
public final class ResultJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ResultJson() {}

    public static ObjectNode of(TaskResult result) {
        ObjectNode out = JSON.objectNode();
        if (result instanceof ClassificationResult r) {
            out.put("category", r.category()).put("score", r.score());
        } else if (result instanceof DetectionResult r) {
            ArrayNode objects = out.putArray("objects");
            for (DetectedObject o : r.objects()) {
                objects.addObject()
                        .put("category", o.category())
                        .put("score", o.score())
                        .set("bounding-box", box(o.boundingBox()));
            }
        } else if (result instanceof KeypointResult r) {
            ArrayNode objects = out.putArray("objects");
            for (KeypointObject o : r.objects()) {
                ObjectNode object = objects.addObject().put("score", o.score());
                object.set("bounding-box", box(o.boundingBox()));
                ArrayNode keypoints = object.putArray("keypoints");
                for (Keypoint k : o.keypoints()) {
                    keypoints.addObject().put("x", k.x()).put("y", k.y()).put("v", k.v());
                }
            }
        } else if (result instanceof OcrResult r) {
            ArrayNode objects = out.putArray("objects");
            for (OcrObject o : r.objects()) {
                objects.addObject()
                        .put("text", o.text())
                        .put("score", o.score())
                        .set("bounding-box", box(o.boundingBox()));
            }
        } else if (result instanceof InstanceSegmentationResult r) {
            ArrayNode objects = out.putArray("objects");
            for (InstanceObject o : r.objects()) {
                ObjectNode object =
                        objects.addObject().put("category", o.category()).put("score", o.score());
                object.set("bounding-box", box(o.boundingBox()));
                object.put("rle", o.rle());
            }
        } else if (result instanceof SemanticSegmentationResult r) {
            ArrayNode stuffs = out.putArray("stuffs");
            for (Stuff s : r.stuffs()) {
                stuffs.addObject().put("category", s.category()).put("rle", s.rle());
            }
        } else if (result instanceof TextResult r) {
            out.put("text", r.text());
            if (r.finishReason() != null) {
                out.put("finish-reason", r.finishReason());
            }
            Usage usage = r.usage();
            if (usage != null) {
                out.putObject("usage")
                        .put("prompt-tokens", usage.promptTokens())
                        .put("completion-tokens", usage.completionTokens())
                        .put("total-tokens", usage.totalTokens());
            }
        } else if (result instanceof TextToImageResult r) {
            ArrayNode images = out.putArray("images");
            for (Image image : r.images()) {
                images.add(image.dataUri());
            }
        } else if (result instanceof EmbeddingResult r) {
            ArrayNode embeddings = out.putArray("embeddings");
            for (Embedding e : r.embeddings()) {
                ArrayNode vector =
                        embeddings.addObject().put("index", e.index()).putArray("vector");
                for (float value : e.vector()) {
                    vector.add(value);
                }
            }
        } else {
            throw new IllegalArgumentException(
                    "No JSON mapping for " + result.getClass().getName());
        }
        return out;
    }

    private static ObjectNode box(BoundingBox box) {
        return JSON.objectNode()
                .put("left", box.left())
                .put("top", box.top())
                .put("width", box.width())
                .put("height", box.height());
    }
}
