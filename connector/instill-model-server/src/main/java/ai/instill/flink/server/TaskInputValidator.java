package ai.instill.flink.server;

import ai.instill.flink.proto.common.task.v1alpha.Task;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks task inputs against the input schema of the model's task (spec §5.3, §6) the way the real
 * server's JSON Schema validation does: missing or mistyped fields are reported as {@code
 * task_inputs[i].data.field: problem}. Extra keys are tolerated.
 */
final class TaskInputValidator {

    /** At most this many problems are listed in one error message. */
    static final int MAX_REPORTED = 10;

    private static final List<String> IMAGE_TYPES = List.of("image-base64", "image-url");
    private static final List<String> PART_TYPES = List.of("text", "image-url", "image-base64");
    private static final List<String> ROLES = List.of("system", "user", "assistant");
    private static final List<String> ASPECT_RATIOS =
            List.of("16:9", "1:1", "21:9", "2:3", "3:2", "4:5", "5:4", "9:16", "9:21");
    private static final List<String> EMBEDDING_FORMATS = List.of("float", "base64");
    private static final List<String> TRUNCATE_MODES = List.of("None", "End", "Start");
    private static final List<String> LLM_INTEGER_PARAMETERS = List.of("max-tokens", "seed", "n");
    private static final List<String> LLM_NUMBER_PARAMETERS = List.of("temperature", "top-p");

    private static final Map<Value.KindCase, String> KINDS =
            Map.of(
                    Value.KindCase.NULL_VALUE, "null",
                    Value.KindCase.NUMBER_VALUE, "number",
                    Value.KindCase.STRING_VALUE, "string",
                    Value.KindCase.BOOL_VALUE, "boolean",
                    Value.KindCase.STRUCT_VALUE, "object",
                    Value.KindCase.LIST_VALUE, "array");

    private final List<String> problems = new ArrayList<>();

    private TaskInputValidator() {}

    /**
     * Every schema problem of the inputs (empty when all are valid); inputs must already have a
     * non-empty data.
     */
    static List<String> problems(Task task, List<Struct> inputs) {
        TaskInputValidator validator = new TaskInputValidator();
        for (int i = 0; i < inputs.size(); i++) {
            validator.check(task, inputs.get(i), "task_inputs[" + i + "]");
        }
        return validator.problems;
    }

    private void check(Task task, Struct input, String path) {
        Struct data = input.getFieldsMap().get("data").getStructValue();
        Struct parameter = Struct.getDefaultInstance();
        Value parameterValue = input.getFieldsMap().get("parameter");
        if (parameterValue != null) {
            if (parameterValue.getKindCase() == Value.KindCase.STRUCT_VALUE) {
                parameter = parameterValue.getStructValue();
            } else {
                problem(path + ".parameter", "must be an object, got " + kind(parameterValue));
            }
        }
        String dataPath = path + ".data";
        String parameterPath = path + ".parameter";
        switch (task) {
            case TASK_CLASSIFICATION,
                    TASK_DETECTION,
                    TASK_KEYPOINT,
                    TASK_OCR,
                    TASK_INSTANCE_SEGMENTATION,
                    TASK_SEMANTIC_SEGMENTATION ->
                    checkImage(data, dataPath);
            case TASK_COMPLETION -> {
                requiredString(data, "prompt", dataPath);
                optionalString(data, "system-message", dataPath);
                checkLlmParameters(parameter, parameterPath);
            }
            case TASK_CHAT -> {
                checkMessages(data, dataPath);
                checkLlmParameters(parameter, parameterPath);
            }
            case TASK_TEXT_TO_IMAGE -> {
                requiredString(data, "prompt", dataPath);
                optionalInteger(parameter, "n", parameterPath, Long.MIN_VALUE);
                optionalInteger(parameter, "seed", parameterPath, Long.MIN_VALUE);
                optionalEnum(parameter, "aspect-ratio", parameterPath, ASPECT_RATIOS);
                optionalString(parameter, "negative-prompt", parameterPath);
            }
            case TASK_EMBEDDING -> {
                List<Value> items = requiredNonEmptyList(data, "embeddings", dataPath);
                for (int j = 0; j < items.size(); j++) {
                    checkTypedPart(items.get(j), dataPath + ".embeddings[" + j + "]");
                }
                optionalEnum(parameter, "format", parameterPath, EMBEDDING_FORMATS);
                optionalInteger(parameter, "dimensions", parameterPath, 1);
                optionalString(parameter, "input-type", parameterPath);
                optionalEnum(parameter, "truncate", parameterPath, TRUNCATE_MODES);
            }
            default -> {}
        }
    }

    private void checkImage(Struct data, String path) {
        String type = requiredEnum(data, "type", path, IMAGE_TYPES);
        if (type != null) {
            requiredString(data, type, path);
        }
    }

    private void checkMessages(Struct data, String path) {
        List<Value> messages = requiredNonEmptyList(data, "messages", path);
        for (int j = 0; j < messages.size(); j++) {
            String messagePath = path + ".messages[" + j + "]";
            Struct message = object(messages.get(j), messagePath);
            if (message == null) {
                continue;
            }
            requiredEnum(message, "role", messagePath, ROLES);
            optionalString(message, "name", messagePath);
            Value content = message.getFieldsMap().get("content");
            if (content == null || content.getKindCase() != Value.KindCase.LIST_VALUE) {
                problem(
                        messagePath + ".content",
                        content == null
                                ? "required array of content parts"
                                : "must be an array of content parts, got " + kind(content));
                continue;
            }
            List<Value> parts = content.getListValue().getValuesList();
            for (int k = 0; k < parts.size(); k++) {
                checkTypedPart(parts.get(k), messagePath + ".content[" + k + "]");
            }
        }
    }

    /** A {type, <type>: string} item: a chat content part or an embedding item. */
    private void checkTypedPart(Value value, String path) {
        Struct part = object(value, path);
        if (part == null) {
            return;
        }
        String type = requiredEnum(part, "type", path, PART_TYPES);
        if (type != null) {
            requiredString(part, type, path);
        }
    }

    private void checkLlmParameters(Struct parameter, String path) {
        for (String key : LLM_INTEGER_PARAMETERS) {
            optionalInteger(parameter, key, path, Long.MIN_VALUE);
        }
        for (String key : LLM_NUMBER_PARAMETERS) {
            Value value = parameter.getFieldsMap().get(key);
            if (value != null && value.getKindCase() != Value.KindCase.NUMBER_VALUE) {
                problem(path + "." + key, "must be a number, got " + kind(value));
            }
        }
    }

    private Struct object(Value value, String path) {
        if (value.getKindCase() != Value.KindCase.STRUCT_VALUE) {
            problem(path, "must be an object, got " + kind(value));
            return null;
        }
        return value.getStructValue();
    }

    private List<Value> requiredNonEmptyList(Struct object, String key, String path) {
        Value value = object.getFieldsMap().get(key);
        if (value == null
                || value.getKindCase() != Value.KindCase.LIST_VALUE
                || value.getListValue().getValuesCount() == 0) {
            problem(
                    path + "." + key,
                    value == null || value.getKindCase() == Value.KindCase.LIST_VALUE
                            ? "required non-empty array"
                            : "must be a non-empty array, got " + kind(value));
            return List.of();
        }
        return value.getListValue().getValuesList();
    }

    private void requiredString(Struct object, String key, String path) {
        Value value = object.getFieldsMap().get(key);
        if (value == null) {
            problem(path + "." + key, "required string");
        } else if (value.getKindCase() != Value.KindCase.STRING_VALUE) {
            problem(path + "." + key, "required string, got " + kind(value));
        }
    }

    private void optionalString(Struct object, String key, String path) {
        Value value = object.getFieldsMap().get(key);
        if (value != null && value.getKindCase() != Value.KindCase.STRING_VALUE) {
            problem(path + "." + key, "must be a string, got " + kind(value));
        }
    }

    /** Checks a required enum string and returns it when valid, else null. */
    private String requiredEnum(Struct object, String key, String path, List<String> allowed) {
        Value value = object.getFieldsMap().get(key);
        if (value == null) {
            problem(path + "." + key, "required, one of " + quoted(allowed));
            return null;
        }
        return checkEnum(value, path + "." + key, allowed);
    }

    private void optionalEnum(Struct object, String key, String path, List<String> allowed) {
        Value value = object.getFieldsMap().get(key);
        if (value != null) {
            checkEnum(value, path + "." + key, allowed);
        }
    }

    private String checkEnum(Value value, String path, List<String> allowed) {
        if (value.getKindCase() != Value.KindCase.STRING_VALUE
                || !allowed.contains(value.getStringValue())) {
            problem(path, "must be one of " + quoted(allowed) + ", got " + describe(value));
            return null;
        }
        return value.getStringValue();
    }

    private void optionalInteger(Struct object, String key, String path, long minimum) {
        Value value = object.getFieldsMap().get(key);
        if (value == null) {
            return;
        }
        double number = value.getNumberValue();
        if (value.getKindCase() != Value.KindCase.NUMBER_VALUE
                || !Double.isFinite(number)
                || number != Math.rint(number)) {
            problem(path + "." + key, "must be an integer, got " + describe(value));
        } else if (number < minimum) {
            problem(path + "." + key, "must be at least " + minimum + ", got " + describe(value));
        }
    }

    private void problem(String path, String what) {
        problems.add(path + ": " + what);
    }

    private static String quoted(List<String> allowed) {
        List<String> quoted = new ArrayList<>();
        for (String option : allowed) {
            quoted.add('"' + option + '"');
        }
        return String.join(", ", quoted);
    }

    private static String describe(Value value) {
        return switch (value.getKindCase()) {
            case STRING_VALUE -> '"' + abbreviate(value.getStringValue()) + '"';
            case NUMBER_VALUE -> {
                double number = value.getNumberValue();
                yield number == Math.rint(number) && Math.abs(number) < 1e15
                        ? Long.toString((long) number)
                        : Double.toString(number);
            }
            default -> kind(value);
        };
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    static String kind(Value value) {
        return KINDS.getOrDefault(value.getKindCase(), "nothing");
    }
}
