package ai.instill.flink.examples.kafka;

import ai.instill.flink.task.BinaryMask;
import ai.instill.flink.task.Image;
import ai.instill.flink.task.ResultField;
import ai.instill.flink.task.ResultType;
import ai.instill.flink.task.TaskDescriptions;
import ai.instill.flink.task.TaskResult;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Writes a typed result as JSON with the Instill component's key names ({@code bounding-box},
 * {@code finish-reason}, …), as its task's description gives them; images become data URIs and
 * masks stay RLE strings.
 */
public final class ResultJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ResultJson() {}

    public static ObjectNode of(TaskResult result) {
        ObjectNode out = JSON.objectNode();
        write(out, TaskDescriptions.ofResult(result).results(), result);
        return out;
    }

    /** The fields that have a JSON key, in order; a dotted key nests its value in an object. */
    private static void write(ObjectNode out, List<? extends ResultField<?>> fields, Object owner) {
        for (ResultField<?> field : fields) {
            if (field.jsonKey() == null) {
                continue;
            }
            Object value = field.valueOf(owner);
            if (value == null && field.isOmittedFromJsonWhenNull()) {
                continue;
            }
            String[] path = field.jsonKey().split("\\.");
            ObjectNode parent = out;
            for (int i = 0; i < path.length - 1; i++) {
                JsonNode child = parent.get(path[i]);
                parent = child instanceof ObjectNode object ? object : parent.putObject(path[i]);
            }
            parent.set(path[path.length - 1], json(field.type(), value));
        }
    }

    private static JsonNode json(ResultType type, Object value) {
        if (value == null) {
            return JSON.nullNode();
        }
        return switch (type.kind()) {
            case STRING -> JSON.textNode((String) value);
            case DOUBLE -> JSON.numberNode((Double) value);
            case INT -> JSON.numberNode((Integer) value);
            case BIGINT -> JSON.numberNode((Long) value);
            case IMAGE -> JSON.textNode(((Image) value).dataUri());
            case VECTOR -> {
                ArrayNode vector = JSON.arrayNode();
                for (float number : (float[]) value) {
                    vector.add(number);
                }
                yield vector;
            }
            case MASK -> {
                BinaryMask mask = (BinaryMask) value;
                ArrayNode rows = JSON.arrayNode();
                for (int y = 0; y < mask.height(); y++) {
                    ArrayNode row = rows.addArray();
                    for (int x = 0; x < mask.width(); x++) {
                        row.add(mask.get(x, y));
                    }
                }
                yield rows;
            }
            case ARRAY -> {
                ArrayNode array = JSON.arrayNode();
                for (Object element : (List<?>) value) {
                    array.add(json(type.element(), element));
                }
                yield array;
            }
            case ROW -> {
                ObjectNode object = JSON.objectNode();
                write(object, type.fields(), value);
                yield object;
            }
        };
    }
}
