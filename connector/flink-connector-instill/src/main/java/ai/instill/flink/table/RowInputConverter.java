package ai.instill.flink.table;

import ai.instill.flink.error.InvalidInputException;
import ai.instill.flink.task.ChatMessage;
import ai.instill.flink.task.ContentPart;
import ai.instill.flink.task.EmbeddingItem;
import ai.instill.flink.task.Image;
import ai.instill.flink.task.InputArgument;
import ai.instill.flink.task.InputField;
import ai.instill.flink.task.InputKind;
import ai.instill.flink.task.InputValues;
import ai.instill.flink.task.InstillTask;
import ai.instill.flink.task.TaskDescription;
import ai.instill.flink.task.TaskDescriptions;
import ai.instill.flink.task.TaskInput;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.logical.LogicalType;

/**
 * Reads one row (or the SQL function's arguments) into the task's typed input: each column into the
 * input field it feeds, by the kind of value it holds, NULL meaning "use the model option" for
 * parameters and "bad input" for a required image or item.
 */
final class RowInputConverter implements Serializable {
    private static final long serialVersionUID = 1L;

    private final InstillTask task;

    /** Per column: the name of the input field it feeds. */
    private final String[] fields;

    /** Per column: the kind of value it holds (one image for a field of images). */
    private final InputKind[] kinds;

    /**
     * The column types; {@code null} for function arguments, which are read by their runtime class.
     */
    private final LogicalType[] types;

    private final boolean[] binaryArrays;
    private final GenerationDefaults defaults;

    private transient RowData.FieldGetter[] getters;

    RowInputConverter(
            InstillTask task,
            String[] fields,
            InputKind[] kinds,
            LogicalType[] types,
            boolean[] binaryArrays,
            GenerationDefaults defaults) {
        this.task = task;
        this.fields = fields.clone();
        this.kinds = kinds.clone();
        this.types = types == null ? null : types.clone();
        this.binaryArrays = binaryArrays.clone();
        this.defaults = defaults;
    }

    /** A converter for the SQL function's arguments after model name and task, read by position. */
    static RowInputConverter positional(
            InstillTask task, int arguments, GenerationDefaults defaults) {
        List<InputArgument> all = TaskDescriptions.of(task).arguments();
        if (arguments < 1 || arguments > all.size()) {
            throw new IllegalArgumentException(
                    "task " + task + " takes 1 to " + all.size() + " inputs, got " + arguments);
        }
        List<InputArgument> given = all.subList(0, arguments);
        return new RowInputConverter(
                task,
                given.stream().map(a -> a.field().name()).toArray(String[]::new),
                given.stream().map(InputArgument::kind).toArray(InputKind[]::new),
                null,
                new boolean[arguments],
                defaults);
    }

    public TaskInput toInput(RowData row) {
        if (getters == null) {
            getters = new RowData.FieldGetter[types.length];
            for (int i = 0; i < types.length; i++) {
                getters[i] = RowData.createFieldGetter(types[i], i);
            }
        }
        Object[] values = new Object[getters.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = getters[i].getFieldOrNull(row);
        }
        return toInput(values);
    }

    /** Reads internal values (StringData, byte[], numbers, ArrayData), one per column. */
    TaskInput toInput(Object[] values) {
        TaskDescription<?, ?> description = TaskDescriptions.of(task);
        InputValues.Builder input = InputValues.builder();
        for (InputField<?> field : description.inputs()) {
            input.put(field, value(field, values));
        }
        return description.input(input.build());
    }

    private Object value(InputField<?> field, Object[] values) {
        int index = index(field);
        Object value = index < 0 ? null : values[index];
        if (value == null) {
            // a NULL image or item cannot be sent; a NULL text goes on for the codec to name
            if (field.isRequired() && field.kind() != InputKind.TEXT) {
                throw new InvalidInputException(field.name(), "is required");
            }
            return defaults.valueOf(field);
        }
        return switch (kinds[index]) {
            case TEXT -> value.toString();
            case INTEGER -> integer(field, value);
            case LONG ->
                    value instanceof Number number
                            ? Long.valueOf(number.longValue())
                            : defaults.valueOf(field);
            case DECIMAL -> decimal(field, value);
            case IMAGE -> imageFor(field, image(value));
            case IMAGES -> images(field, value, binaryArrays[index]);
            case CHAT_HISTORY -> chatHistory(field, value);
            case EMBEDDING_ITEMS ->
                    List.of(
                            value instanceof byte[] bytes
                                    ? EmbeddingItem.image(Image.ofBytes(bytes))
                                    : EmbeddingItem.text(value.toString()));
        };
    }

    private int index(InputField<?> field) {
        for (int i = 0; i < fields.length; i++) {
            if (fields[i].equals(field.name())) {
                return i;
            }
        }
        return -1;
    }

    private Object integer(InputField<?> field, Object value) {
        if (!(value instanceof Number number)) {
            return defaults.valueOf(field);
        }
        long whole = number.longValue();
        if (whole < Integer.MIN_VALUE || whole > Integer.MAX_VALUE) {
            throw new InvalidInputException(field.name(), "must fit an INT (got " + whole + ")");
        }
        return (int) whole;
    }

    private Object decimal(InputField<?> field, Object value) {
        if (value instanceof DecimalData number) {
            return number.toBigDecimal().doubleValue();
        }
        return value instanceof Number number
                ? Double.valueOf(number.doubleValue())
                : defaults.valueOf(field);
    }

    /** One image, as the field takes it: itself, the only one of a list, or an item to embed. */
    private static Object imageFor(InputField<?> field, Image image) {
        return switch (field.kind()) {
            case IMAGES -> List.of(image);
            case EMBEDDING_ITEMS -> List.of(EmbeddingItem.image(image));
            default -> image;
        };
    }

    private static List<Image> images(InputField<?> field, Object value, boolean binary) {
        List<Image> images = new ArrayList<>();
        if (value instanceof ArrayData array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.isNullAt(i)) {
                    throw new InvalidInputException(field.name() + "[" + i + "]", "is required");
                }
                images.add(
                        binary
                                ? Image.ofBytes(array.getBinary(i))
                                : Image.ofBase64(array.getString(i).toString()));
            }
        }
        return images;
    }

    private static List<ChatMessage> chatHistory(InputField<?> field, Object value) {
        List<ChatMessage> messages = new ArrayList<>();
        if (value instanceof ArrayData array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.isNullAt(i)) {
                    throw new InvalidInputException(field.name() + "[" + i + "]", "is required");
                }
                RowData message = array.getRow(i, 2);
                String role = message.isNullAt(0) ? null : message.getString(0).toString();
                List<ContentPart> content =
                        message.isNullAt(1)
                                ? List.of()
                                : List.of(ContentPart.text(message.getString(1).toString()));
                messages.add(new ChatMessage(role, content));
            }
        }
        return messages;
    }

    private static Image image(Object value) {
        return value instanceof byte[] bytes
                ? Image.ofBytes(bytes)
                : Image.ofBase64(((StringData) value).toString());
    }
}
