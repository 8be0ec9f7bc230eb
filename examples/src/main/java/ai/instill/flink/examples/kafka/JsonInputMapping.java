package ai.instill.flink.examples.kafka;

import ai.instill.flink.InputExtractor;
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

    private static Map<String, String> defaults() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("image-field", "image");
        fields.put("prompt-field", "prompt");
        fields.put("system-message-field", "system_message");
        fields.put("chat-history-field", "chat_history");
        fields.put("prompt-images-field", "prompt_images");
        fields.put("max-new-tokens-field", "max_new_tokens");
        fields.put("temperature-field", "temperature");
        fields.put("seed-field", "seed");
        fields.put("negative-prompt-field", "negative_prompt");
        fields.put("aspect-ratio-field", "aspect_ratio");
        fields.put("samples-field", "samples");
        fields.put("items-field", "items");
        fields.put("dimensions-field", "dimensions");
        return java.util.Collections.unmodifiableMap(fields);
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

    /** The task input that a parsed record asks for. */
    TaskInput toTaskInput(JsonNode json) {
        return switch (task) {
            case CLASSIFICATION,
                    DETECTION,
                    KEYPOINT,
                    OCR,
                    INSTANCE_SEGMENTATION,
                    SEMANTIC_SEGMENTATION ->
                    new ImageInput(image(json, "image-field"));
            case TEXT_GENERATION ->
                    TextGenerationInput.builder()
                            .prompt(requiredText(json, "prompt-field"))
                            .systemMessage(optionalText(json, "system-message-field"))
                            .maxNewTokens(optionalInt(json, "max-new-tokens-field"))
                            .temperature(optionalDouble(json, "temperature-field"))
                            .seed(optionalLong(json, "seed-field"))
                            .build();
            case TEXT_GENERATION_CHAT, VISUAL_QUESTION_ANSWERING, CHAT ->
                    ChatInput.builder()
                            .prompt(requiredText(json, "prompt-field"))
                            .systemMessage(optionalText(json, "system-message-field"))
                            .chatHistory(chatHistory(json))
                            .promptImages(promptImages(json))
                            .maxNewTokens(optionalInt(json, "max-new-tokens-field"))
                            .temperature(optionalDouble(json, "temperature-field"))
                            .seed(optionalLong(json, "seed-field"))
                            .build();
            case TEXT_TO_IMAGE ->
                    TextToImageInput.builder()
                            .prompt(requiredText(json, "prompt-field"))
                            .negativePrompt(optionalText(json, "negative-prompt-field"))
                            .aspectRatio(optionalText(json, "aspect-ratio-field"))
                            .samples(optionalInt(json, "samples-field"))
                            .seed(optionalLong(json, "seed-field"))
                            .build();
            case EMBEDDING ->
                    EmbeddingInput.builder()
                            .items(embeddingItems(json))
                            .dimensions(optionalInt(json, "dimensions-field"))
                            .build();
        };
    }

    // ---- fields
    // ---------------------------------------------------------------------------------------------

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

    private Image image(JsonNode json, String mappingKey) {
        JsonNode node = required(json, mappingKey);
        return imageFrom(node, fields.get(mappingKey));
    }

    private String requiredText(JsonNode json, String mappingKey) {
        return text(required(json, mappingKey), fields.get(mappingKey));
    }

    private String optionalText(JsonNode json, String mappingKey) {
        JsonNode node = lookup(json, mappingKey);
        return node == null ? null : text(node, fields.get(mappingKey));
    }

    private Integer optionalInt(JsonNode json, String mappingKey) {
        JsonNode node = lookup(json, mappingKey);
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw wrongType(fields.get(mappingKey), "an integer", node);
        }
        return node.intValue();
    }

    private Long optionalLong(JsonNode json, String mappingKey) {
        JsonNode node = lookup(json, mappingKey);
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw wrongType(fields.get(mappingKey), "an integer", node);
        }
        return node.longValue();
    }

    private Double optionalDouble(JsonNode json, String mappingKey) {
        JsonNode node = lookup(json, mappingKey);
        if (node == null) {
            return null;
        }
        if (!node.isNumber()) {
            throw wrongType(fields.get(mappingKey), "a number", node);
        }
        return node.doubleValue();
    }

    private List<Image> promptImages(JsonNode json) {
        JsonNode node = lookup(json, "prompt-images-field");
        if (node == null) {
            return List.of();
        }
        String field = fields.get("prompt-images-field");
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
    private List<ChatMessage> chatHistory(JsonNode json) {
        JsonNode node = lookup(json, "chat-history-field");
        if (node == null) {
            return List.of();
        }
        String field = fields.get("chat-history-field");
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
    private List<EmbeddingItem> embeddingItems(JsonNode json) {
        JsonNode node = required(json, "items-field");
        String field = fields.get("items-field");
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
