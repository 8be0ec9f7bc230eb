package ai.instill.flink.table;

import ai.instill.flink.error.InvalidInputException;
import ai.instill.flink.task.ChatInput;
import ai.instill.flink.task.ChatMessage;
import ai.instill.flink.task.ContentPart;
import ai.instill.flink.task.EmbeddingInput;
import ai.instill.flink.task.EmbeddingItem;
import ai.instill.flink.task.Image;
import ai.instill.flink.task.ImageInput;
import ai.instill.flink.task.InstillTask;
import ai.instill.flink.task.TaskInput;
import ai.instill.flink.task.TextGenerationInput;
import ai.instill.flink.task.TextToImageInput;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.logical.LogicalType;

/**
 * Reads one row (or the SQL function's arguments) into the task's typed input: each column by its
 * {@link InputRole}, NULL meaning "use the model option" for parameters and "bad input" for a
 * required value.
 */
public final class RowInputConverter implements Serializable {
    private static final long serialVersionUID = 1L;

    private final InstillTask task;
    private final InputRole[] roles;

    /**
     * The column types; {@code null} for function arguments, which are read by their runtime class.
     */
    private final LogicalType[] types;

    private final boolean[] binaryArrays;
    private final GenerationDefaults defaults;

    private transient RowData.FieldGetter[] getters;

    RowInputConverter(
            InstillTask task,
            InputRole[] roles,
            LogicalType[] types,
            boolean[] binaryArrays,
            GenerationDefaults defaults) {
        this.task = task;
        this.roles = roles.clone();
        this.types = types == null ? null : types.clone();
        this.binaryArrays = binaryArrays.clone();
        this.defaults = defaults;
    }

    /** A converter for the SQL function's arguments after model name and task, read by position. */
    static RowInputConverter positional(
            InstillTask task, int arguments, GenerationDefaults defaults) {
        List<InputRole> roles = InputRole.positional(task);
        if (arguments < 1 || arguments > roles.size()) {
            throw new IllegalArgumentException(
                    "task " + task + " takes 1 to " + roles.size() + " inputs, got " + arguments);
        }
        return new RowInputConverter(
                task,
                roles.subList(0, arguments).toArray(InputRole[]::new),
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

    /** Reads internal values (StringData, byte[], numbers, ArrayData), one per role. */
    TaskInput toInput(Object[] values) {
        return switch (task) {
            case TEXT_GENERATION ->
                    TextGenerationInput.builder()
                            .prompt(text(values, InputRole.PROMPT, null))
                            .systemMessage(
                                    text(
                                            values,
                                            InputRole.SYSTEM_MESSAGE,
                                            defaults.systemMessage()))
                            .maxNewTokens(
                                    integer(
                                            values,
                                            InputRole.MAX_NEW_TOKENS,
                                            defaults.maxNewTokens()))
                            .temperature(
                                    decimal(values, InputRole.TEMPERATURE, defaults.temperature()))
                            .seed(whole(values, InputRole.SEED, defaults.seed()))
                            .build();
            case TEXT_GENERATION_CHAT, VISUAL_QUESTION_ANSWERING, CHAT ->
                    ChatInput.builder()
                            .prompt(text(values, InputRole.PROMPT, null))
                            .promptImages(promptImages(values))
                            .systemMessage(
                                    text(
                                            values,
                                            InputRole.SYSTEM_MESSAGE,
                                            defaults.systemMessage()))
                            .chatHistory(chatHistory(values))
                            .maxNewTokens(
                                    integer(
                                            values,
                                            InputRole.MAX_NEW_TOKENS,
                                            defaults.maxNewTokens()))
                            .temperature(
                                    decimal(values, InputRole.TEMPERATURE, defaults.temperature()))
                            .seed(whole(values, InputRole.SEED, defaults.seed()))
                            .build();
            case TEXT_TO_IMAGE ->
                    TextToImageInput.builder()
                            .prompt(text(values, InputRole.PROMPT, null))
                            .samples(integer(values, InputRole.SAMPLES, defaults.samples()))
                            .seed(whole(values, InputRole.SEED, defaults.seed()))
                            .negativePrompt(
                                    text(
                                            values,
                                            InputRole.NEGATIVE_PROMPT,
                                            defaults.negativePrompt()))
                            .aspectRatio(
                                    text(values, InputRole.ASPECT_RATIO, defaults.aspectRatio()))
                            .build();
            case EMBEDDING ->
                    EmbeddingInput.builder()
                            .items(embeddingItem(values))
                            .dimensions(defaults.dimensions())
                            .inputType(defaults.inputType())
                            .build();
            default -> new ImageInput(requiredImage(values[0], roles[0].column()));
        };
    }

    private int index(InputRole role) {
        for (int i = 0; i < roles.length; i++) {
            if (roles[i] == role) {
                return i;
            }
        }
        return -1;
    }

    private Object value(Object[] values, InputRole role) {
        int index = index(role);
        return index < 0 ? null : values[index];
    }

    private String text(Object[] values, InputRole role, String fallback) {
        Object value = value(values, role);
        return value == null ? fallback : value.toString();
    }

    private Integer integer(Object[] values, InputRole role, Integer fallback) {
        Long value = whole(values, role, fallback == null ? null : fallback.longValue());
        if (value == null) {
            return null;
        }
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new InvalidInputException(role.column(), "must fit an INT (got " + value + ")");
        }
        return value.intValue();
    }

    private Long whole(Object[] values, InputRole role, Long fallback) {
        Object value = value(values, role);
        return value instanceof Number number ? Long.valueOf(number.longValue()) : fallback;
    }

    private Double decimal(Object[] values, InputRole role, Double fallback) {
        Object value = value(values, role);
        if (value instanceof DecimalData number) {
            return number.toBigDecimal().doubleValue();
        }
        return value instanceof Number number ? Double.valueOf(number.doubleValue()) : fallback;
    }

    private List<Image> promptImages(Object[] values) {
        List<Image> images = new ArrayList<>();
        Object single = value(values, InputRole.IMAGE);
        if (single != null) {
            images.add(image(single));
        }
        int index = index(InputRole.PROMPT_IMAGES);
        if (index >= 0 && values[index] instanceof ArrayData array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.isNullAt(i)) {
                    throw new InvalidInputException("prompt_images[" + i + "]", "is required");
                }
                images.add(
                        binaryArrays[index]
                                ? Image.ofBytes(array.getBinary(i))
                                : Image.ofBase64(array.getString(i).toString()));
            }
        }
        return images;
    }

    private List<ChatMessage> chatHistory(Object[] values) {
        List<ChatMessage> messages = new ArrayList<>();
        if (value(values, InputRole.CHAT_HISTORY) instanceof ArrayData array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.isNullAt(i)) {
                    throw new InvalidInputException("chat_history[" + i + "]", "is required");
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

    private List<EmbeddingItem> embeddingItem(Object[] values) {
        Object value = values[0];
        if (value == null) {
            throw new InvalidInputException(roles[0].column(), "is required");
        }
        if (roles[0] == InputRole.IMAGE || value instanceof byte[]) {
            return List.of(EmbeddingItem.image(image(value)));
        }
        return List.of(EmbeddingItem.text(value.toString()));
    }

    private static Image requiredImage(Object value, String column) {
        if (value == null) {
            throw new InvalidInputException(column, "is required");
        }
        return image(value);
    }

    private static Image image(Object value) {
        return value instanceof byte[] bytes
                ? Image.ofBytes(bytes)
                : Image.ofBase64(((StringData) value).toString());
    }
}
