package ai.instill.flink.table;

import ai.instill.flink.error.InstillModelException;
import ai.instill.flink.task.BinaryMask;
import ai.instill.flink.task.BoundingBox;
import ai.instill.flink.task.ClassificationResult;
import ai.instill.flink.task.DetectedObject;
import ai.instill.flink.task.DetectionResult;
import ai.instill.flink.task.EmbeddingResult;
import ai.instill.flink.task.Image;
import ai.instill.flink.task.InstanceObject;
import ai.instill.flink.task.InstanceSegmentationResult;
import ai.instill.flink.task.InstillTask;
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
import java.io.Serializable;
import java.util.List;
import java.util.function.Function;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;

/**
 * Turns a typed result into a row of the declared OUTPUT columns (Flink's internal data
 * structures), or a failure into a row with empty results and the error columns filled in.
 */
public final class ResultRowConverter implements Serializable {
    private static final long serialVersionUID = 1L;

    private final InstillTask task;
    private final String[] columns;

    /** Per column: whether each row of the array also carries the decoded mask. */
    private final boolean[] masks;

    ResultRowConverter(InstillTask task, String[] columns, boolean[] masks) {
        this.task = task;
        this.columns = columns.clone();
        this.masks = masks.clone();
    }

    public InstillTask task() {
        return task;
    }

    public RowData toRow(TaskResult result) {
        GenericRowData row = new GenericRowData(columns.length);
        for (int i = 0; i < columns.length; i++) {
            row.setField(i, value(columns[i], masks[i], result));
        }
        return row;
    }

    public RowData errorRow(InstillModelException failure, int attempts) {
        GenericRowData row = new GenericRowData(columns.length);
        for (int i = 0; i < columns.length; i++) {
            switch (columns[i]) {
                case TaskOutputSchema.ERROR_CODE ->
                        row.setField(i, StringData.fromString(failure.code().name()));
                case TaskOutputSchema.ERROR_MESSAGE ->
                        row.setField(i, StringData.fromString(failure.reason()));
                case TaskOutputSchema.ERROR_ATTEMPTS -> row.setField(i, attempts);
                default -> row.setField(i, null);
            }
        }
        return row;
    }

    private static Object value(String column, boolean mask, TaskResult result) {
        if (column.startsWith("error_")) {
            return null;
        }
        if (result instanceof ClassificationResult r) {
            return column.equals("category") ? string(r.category()) : (Object) r.score();
        }
        if (result instanceof DetectionResult r) {
            return array(
                    r.objects(),
                    (DetectedObject o) ->
                            GenericRowData.of(
                                    string(o.category()), o.score(), box(o.boundingBox())));
        }
        if (result instanceof KeypointResult r) {
            return array(
                    r.objects(),
                    (KeypointObject o) ->
                            GenericRowData.of(
                                    o.score(),
                                    box(o.boundingBox()),
                                    array(
                                            o.keypoints(),
                                            (Keypoint k) ->
                                                    GenericRowData.of(k.x(), k.y(), k.v()))));
        }
        if (result instanceof OcrResult r) {
            return array(
                    r.objects(),
                    (OcrObject o) ->
                            GenericRowData.of(string(o.text()), o.score(), box(o.boundingBox())));
        }
        if (result instanceof InstanceSegmentationResult r) {
            return array(
                    r.objects(),
                    (InstanceObject o) ->
                            mask
                                    ? GenericRowData.of(
                                            string(o.category()),
                                            o.score(),
                                            box(o.boundingBox()),
                                            string(o.rle()),
                                            mask(o.mask()))
                                    : GenericRowData.of(
                                            string(o.category()),
                                            o.score(),
                                            box(o.boundingBox()),
                                            string(o.rle())));
        }
        if (result instanceof SemanticSegmentationResult r) {
            return switch (column) {
                case "image_height" -> r.imageHeight();
                case "image_width" -> r.imageWidth();
                default ->
                        array(
                                r.stuffs(),
                                (Stuff s) ->
                                        mask
                                                ? GenericRowData.of(
                                                        string(s.category()),
                                                        string(s.rle()),
                                                        mask(r.mask(s)))
                                                : GenericRowData.of(
                                                        string(s.category()), string(s.rle())));
            };
        }
        if (result instanceof TextResult r) {
            return switch (column) {
                case "text" -> string(r.text());
                case "finish_reason" -> string(r.finishReason());
                case "prompt_tokens" -> r.usage() == null ? null : r.usage().promptTokens();
                case "completion_tokens" -> r.usage() == null ? null : r.usage().completionTokens();
                default -> r.usage() == null ? null : r.usage().totalTokens();
            };
        }
        if (result instanceof TextToImageResult r) {
            return array(r.images(), Image::bytes);
        }
        if (result instanceof EmbeddingResult r) {
            return r.embeddings().isEmpty()
                    ? null
                    : new GenericArrayData(r.embeddings().get(0).vector());
        }
        throw new IllegalStateException("unexpected result type " + result.getClass().getName());
    }

    private static StringData string(String text) {
        return text == null ? null : StringData.fromString(text);
    }

    private static RowData box(BoundingBox box) {
        return GenericRowData.of(box.left(), box.top(), box.width(), box.height());
    }

    private static <T> GenericArrayData array(List<T> items, Function<T, Object> element) {
        Object[] out = new Object[items.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = element.apply(items.get(i));
        }
        return new GenericArrayData(out);
    }

    /** Rows top to bottom, each a row of pixels left to right. */
    static GenericArrayData mask(BinaryMask mask) {
        Object[] rows = new Object[mask.height()];
        for (int y = 0; y < mask.height(); y++) {
            boolean[] row = new boolean[mask.width()];
            for (int x = 0; x < mask.width(); x++) {
                row[x] = mask.get(x, y);
            }
            rows[y] = new GenericArrayData(row);
        }
        return new GenericArrayData(rows);
    }
}
