package ai.instill.flink.table;

import ai.instill.flink.task.InputField;
import ai.instill.flink.task.InputKind;
import ai.instill.flink.task.InstillTask;
import ai.instill.flink.task.TaskDescriptions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.types.logical.LogicalType;

/**
 * The planning-time check of a model's INPUT columns against its task's input fields: which column
 * feeds which field, by name (one column of any name for a task with a single column field, such as
 * the vision tasks and embedding, and a lone STRING column for the prompt).
 */
final class TaskInputSchema {

    private TaskInputSchema() {}

    public static RowInputConverter check(
            String model,
            InstillTask task,
            List<String> names,
            List<LogicalType> types,
            ReadableConfig options) {
        List<InputField<?>> columns = columnFields(task);
        InputField<?> prompt = lonePrompt(columns);
        List<String> problems = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        List<InputKind> kinds = new ArrayList<>();
        if (columns.size() == 1
                || (prompt != null && names.size() == 1 && SqlInputTypes.isText(types.get(0)))) {
            InputField<?> field = columns.size() == 1 ? columns.get(0) : prompt;
            if (names.size() != 1) {
                problems.add("the task takes exactly one INPUT column, got " + names.size());
            } else {
                InputKind kind = columnKind(field, names.get(0), types.get(0));
                if (!SqlInputTypes.accepts(kind, types.get(0))) {
                    problems.add(mismatch(names.get(0), types.get(0), kind));
                }
                fields.add(field.name());
                kinds.add(kind);
            }
        } else {
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                InputField<?> field =
                        columns.stream()
                                .filter(f -> f.name().equals(name))
                                .findFirst()
                                .orElse(null);
                if (field == null) {
                    problems.add("column '" + name + "' is not an input of task " + task);
                } else {
                    if (!SqlInputTypes.accepts(field.kind(), types.get(i))) {
                        problems.add(mismatch(name, types.get(i), field.kind()));
                    }
                    fields.add(field.name());
                    kinds.add(field.kind());
                }
            }
            for (InputField<?> field : columns) {
                if (field.isRequired() && !names.contains(field.name())) {
                    problems.add("the column '" + field.name() + "' is required");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(message(model, task, problems, columns, prompt));
        }
        boolean[] binaryArrays = new boolean[types.size()];
        for (int i = 0; i < types.size(); i++) {
            binaryArrays[i] = SqlInputTypes.isBinaryArray(types.get(i));
        }
        return new RowInputConverter(
                task,
                fields.toArray(String[]::new),
                kinds.toArray(InputKind[]::new),
                types.toArray(LogicalType[]::new),
                binaryArrays,
                GenerationDefaults.from(options));
    }

    /** The input fields that a column can give, in the task's order. */
    static List<InputField<?>> columnFields(InstillTask task) {
        return TaskDescriptions.of(task).inputs().stream()
                .filter(InputField::isSqlColumn)
                .collect(Collectors.toList());
    }

    /** The field a lone STRING column gives: the first required text, if any. */
    private static InputField<?> lonePrompt(List<InputField<?>> columns) {
        return columns.stream()
                .filter(f -> f.isRequired() && f.kind() == InputKind.TEXT)
                .findFirst()
                .orElse(null);
    }

    /**
     * The kind of value a column gives its field: an embedding column of BYTES, or one named {@code
     * image}, is an image; every other column is of its field's kind.
     */
    private static InputKind columnKind(InputField<?> field, String name, LogicalType type) {
        boolean image =
                field.kind() == InputKind.EMBEDDING_ITEMS
                        && (SqlInputTypes.isBinary(type) || name.equalsIgnoreCase("image"));
        return image ? InputKind.IMAGE : field.kind();
    }

    private static String mismatch(String name, LogicalType type, InputKind kind) {
        return "column '"
                + name
                + "' is "
                + type.asSummaryString()
                + ", expected "
                + SqlInputTypes.describe(kind);
    }

    private static String message(
            String model,
            InstillTask task,
            List<String> problems,
            List<InputField<?>> columns,
            InputField<?> prompt) {
        StringBuilder text =
                new StringBuilder("The INPUT of model ")
                        .append(model)
                        .append(" does not fit task ")
                        .append(task)
                        .append(":\n");
        problems.forEach(p -> text.append("  - ").append(p).append('\n'));
        if (columns.size() == 1) {
            text.append(
                    switch (columns.get(0).kind()) {
                        case IMAGE ->
                                "Expected INPUT: one column of any name, BYTES (the image file)"
                                        + " or STRING (base64 or data URI)";
                        case EMBEDDING_ITEMS ->
                                "Expected INPUT: one column, STRING for a text (named image: a"
                                        + " base64 image) or BYTES for an image";
                        default ->
                                "Expected INPUT: one column of any name, "
                                        + SqlInputTypes.describe(columns.get(0).kind());
                    });
        } else {
            List<String> required =
                    columns.stream().filter(InputField::isRequired).map(InputField::name).toList();
            text.append("Expected INPUT for task ").append(task).append(" (by column name");
            if (!required.isEmpty()) {
                text.append("; ")
                        .append(String.join(", ", required))
                        .append(required.size() == 1 ? " is required" : " are required");
            }
            if (prompt != null) {
                text.append(", a lone STRING column is the ").append(prompt.name());
            }
            text.append("):\n  ")
                    .append(
                            columns.stream()
                                    .map(f -> f.name() + " " + SqlInputTypes.describe(f.kind()))
                                    .collect(Collectors.joining(", ")));
        }
        return text.toString();
    }
}
