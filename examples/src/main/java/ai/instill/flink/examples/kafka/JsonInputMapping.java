package ai.instill.flink.examples.kafka;

import ai.instill.flink.InputExtractor;
import ai.instill.flink.error.InvalidInputException;
import ai.instill.flink.task.ChatMessage;
import ai.instill.flink.task.ContentPart;
import ai.instill.flink.task.EmbeddingItem;
import ai.instill.flink.task.Image;
import ai.instill.flink.task.InputField;
import ai.instill.flink.task.InputValues;
import ai.instill.flink.task.InstillTask;
import ai.instill.flink.task.TaskDescription;
import ai.instill.flink.task.TaskDescriptions;
import ai.instill.flink.task.TaskInput;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the task input out of a JSON record: which field holds the image, the prompt, the chat
 * history and the other settings of each task. A record that is not a JSON object, lacks a required
 * field or has a field of the wrong type fails with an {@link InvalidInputException} that names the
 * JSON field, so it lands on the dead-letter topic.
 *
 * <p>A field is a top-level key ({@code image}) or a JSON Pointer into nested objects ({@code
 * /payload/image}).
 */
public final class JsonInputMapping implements InputExtractor<KafkaRecord> {
    private static final long serialVersionUID = 1L;

    static final ObjectMapper MAPPER = new ObjectMapper();

    /** The mapping keys of the job, with the JSON field each one reads by default. */
    public static final Map<String, String> DEFAULT_FIELDS = defaults();

    private final InstillTask task;
    private final Map<String, String> fields;

    public JsonInputMapping(InstillTask task, Map<String, String> fields) {
        this.task = task;
        this.fields = new LinkedHashMap<>(DEFAULT_FIELDS);
        this.fields.putAll(fields);
    }

    /**
     * Every task's JSON input fields, each under the mapping key of its name ({@code
     * system_message} under {@code system-message-field}).
     */
    private static Map<String, String> defaults() {
        Map<String, String> fields = new LinkedHashMap<>();
        for (InstillTask task : InstillTask.values()) {
            for (InputField<?> field : TaskDescriptions.of(task).inputs()) {
                if (field.isJsonField()) {
                    fields.putIfAbsent(mappingKey(field), field.name());
                }
            }
        }
        return java.util.Collections.unmodifiableMap(fields);
    }

    /** The mapping key that names the JSON field of an input field. */
    static String mappingKey(InputField<?> field) {
        return field.name().replace('_', '-') + "-field";
    }

    @Override
    public TaskInput extract(KafkaRecord record) {
        record.enteredAtNanos(System.nanoTime());
        JsonNode json = parse(record.value());
        record.json(json);
        return toTaskInput(json);
    }

    /** Parses a record's text; it must be a JSON object. */
    static JsonNode parse(String text) {
        if (text == null) {
            throw new InvalidInputException(
                    "record", "is empty (a tombstone); expected a JSON object");
        }
        JsonNode json;
        try {
            json = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("record", "is not JSON: " + e.getOriginalMessage());
        }
        if (json == null || !json.isObject()) {
            throw new InvalidInputException(
                    "record",
                    "must be a JSON object, got " + (json == null ? "nothing" : describe(json)));
        }
        return json;
    }

    /** The task input that a parsed record asks for: each JSON field of the task, in order. */
    TaskInput toTaskInput(JsonNode json) {
        TaskDescription<?, ?> description = TaskDescriptions.of(task);
        InputValues.Builder values = InputValues.builder();
        for (InputField<?> field : description.inputs()) {
            if (field.isJsonField()) {
                values.put(field, read(json, field));
            }
        }
        return description.input(values.build());
    }

    // ---- fields
    // ---------------------------------------------------------------------------------------------

    /** The value of a field, by its kind; {@code null} when an optional field is absent. */
    private Object read(JsonNode json, InputField<?> field) {
        String mappingKey = mappingKey(field);
        JsonNode node = field.isRequired() ? required(json, mappingKey) : lookup(json, mappingKey);
        if (node == null) {
            return null;
        }
        String name = fields.get(mappingKey);
        return switch (field.kind()) {
            case TEXT -> text(node, name);
            case INTEGER -> integer(node, name);
            case LONG -> whole(node, name);
            case DECIMAL -> decimal(node, name);
            case IMAGE -> imageFrom(node, name);
            case IMAGES -> images(node, name);
            case CHAT_HISTORY -> chatHistory(node, name);
            case EMBEDDING_ITEMS -> embeddingItems(node, name);
        };
    }

    private JsonNode lookup(JsonNode json, String mappingKey) {
        String field = fields.get(mappingKey);
        JsonNode node = field.startsWith("/") ? json.at(field) : json.get(field);
        return node == null || node.isMissingNode() || node.isNull() ? null : node;
    }

    private JsonNode required(JsonNode json, String mappingKey) {
        JsonNode node = lookup(json, mappingKey);
        if (node == null) {
            throw new InvalidInputException(fields.get(mappingKey), "is missing");
        }
        return node;
    }

    private static Integer integer(JsonNode node, String field) {
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw wrongType(field, "an integer", node);
        }
        return node.intValue();
    }

    private static Long whole(JsonNode node, String field) {
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw wrongType(field, "an integer", node);
        }
        return node.longValue();
    }

    private static Double decimal(JsonNode node, String field) {
        if (!node.isNumber()) {
            throw wrongType(field, "a number", node);
        }
        return node.doubleValue();
    }

    private static List<Image> images(JsonNode node, String field) {
        List<JsonNode> elements = array(node, field, "an array of base64 images");
        List<Image> images = new ArrayList<>();
        for (int i = 0; i < elements.size(); i++) {
            images.add(imageFrom(elements.get(i), field + "[" + i + "]"));
        }
        return images;
    }

    /**
     * The chat history: an array of {@code {"role": ..., "content": ...}}, where content is a text
     * or an array of parts {@code {"type": "text", "text": ...}}, {@code {"type": "image-base64",
     * "image-base64": ...}} or {@code {"type": "image-url", "image-url": ...}} (the spelling of the
     * Instill component).
     */
    private static List<ChatMessage> chatHistory(JsonNode node, String field) {
        List<JsonNode> turns = array(node, field, "an array of messages");
        List<ChatMessage> messages = new ArrayList<>();
        for (int i = 0; i < turns.size(); i++) {
            String at = field + "[" + i + "]";
            JsonNode turn = turns.get(i);
            if (!turn.isObject()) {
                throw wrongType(at, "an object with role and content", turn);
            }
            String role = text(member(turn, "role", at), at + ".role");
            JsonNode content = member(turn, "content", at);
            List<ContentPart> parts = new ArrayList<>();
            if (content.isTextual()) {
                parts.add(ContentPart.text(content.textValue()));
            } else {
                List<JsonNode> elements =
                        array(content, at + ".content", "a text or an array of parts");
                for (int j = 0; j < elements.size(); j++) {
                    parts.add(contentPart(elements.get(j), at + ".content[" + j + "]"));
                }
            }
            messages.add(new ChatMessage(role, parts));
        }
        return messages;
    }

    private static ContentPart contentPart(JsonNode part, String at) {
        if (!part.isObject()) {
            throw wrongType(at, "an object with a type", part);
        }
        String type = text(member(part, "type", at), at + ".type");
        return switch (type) {
            case "text" -> ContentPart.text(text(member(part, "text", at), at + ".text"));
            case "image-base64" ->
                    ContentPart.image(
                            imageFrom(member(part, "image-base64", at), at + ".image-base64"));
            case "image-url" ->
                    ContentPart.imageUrl(text(member(part, "image-url", at), at + ".image-url"));
            default ->
                    throw new InvalidInputException(
                            at + ".type",
                            "must be text, image-base64 or image-url (got '" + type + "')");
        };
    }

    /**
     * Embedding items: a text, or an array of texts and objects {@code {"text"}, {"image"},
     * {"image-url"}}.
     */
    private static List<EmbeddingItem> embeddingItems(JsonNode node, String field) {
        if (node.isTextual()) {
            return List.of(EmbeddingItem.text(node.textValue()));
        }
        List<JsonNode> elements = array(node, field, "a text or an array of items");
        List<EmbeddingItem> items = new ArrayList<>();
        for (int i = 0; i < elements.size(); i++) {
            String at = field + "[" + i + "]";
            JsonNode element = elements.get(i);
            if (element.isTextual()) {
                items.add(EmbeddingItem.text(element.textValue()));
            } else if (element.isObject() && element.has("text")) {
                items.add(EmbeddingItem.text(text(element.get("text"), at + ".text")));
            } else if (element.isObject() && element.has("image")) {
                items.add(EmbeddingItem.image(imageFrom(element.get("image"), at + ".image")));
            } else if (element.isObject() && element.has("image-url")) {
                items.add(
                        EmbeddingItem.imageUrl(text(element.get("image-url"), at + ".image-url")));
            } else {
                throw wrongType(at, "a text or an object with text, image or image-url", element);
            }
        }
        return items;
    }

    // ---- JSON helpers
    // ---------------------------------------------------------------------------------------------

    private static JsonNode member(JsonNode object, String name, String at) {
        JsonNode node = object.get(name);
        if (node == null || node.isNull()) {
            throw new InvalidInputException(at + "." + name, "is missing");
        }
        return node;
    }

    private static List<JsonNode> array(JsonNode node, String field, String expected) {
        if (!node.isArray()) {
            throw wrongType(field, expected, node);
        }
        List<JsonNode> elements = new ArrayList<>();
        node.forEach(elements::add);
        return elements;
    }

    private static String text(JsonNode node, String field) {
        if (!node.isTextual()) {
            throw wrongType(field, "a string", node);
        }
        return node.textValue();
    }

    private static Image imageFrom(JsonNode node, String field) {
        if (!node.isTextual()) {
            throw wrongType(field, "a string with the image as base64 or a data URI", node);
        }
        return Image.ofBase64(node.textValue());
    }

    private static InvalidInputException wrongType(String field, String expected, JsonNode got) {
        return new InvalidInputException(field, "must be " + expected + ", got " + describe(got));
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
