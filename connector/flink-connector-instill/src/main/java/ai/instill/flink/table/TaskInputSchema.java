package ai.instill.flink.table;

import ai.instill.flink.task.InstillTask;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.types.logical.LogicalType;

/**
 * The planning-time check of a model's INPUT columns against its task: which column feeds which
 * part of the typed input, by name (one column of any name for the vision tasks, embedding and a
 * lone prompt).
 */
public final class TaskInputSchema {

    private TaskInputSchema() {}

    public static RowInputConverter check(
            String model,
            InstillTask task,
            List<String> names,
            List<LogicalType> types,
            ReadableConfig options) {
        List<String> problems = new ArrayList<>();
        List<InputRole> roles = new ArrayList<>();
        List<InputRole> named = InputRole.named(task);
        if (named.isEmpty() || (names.size() == 1 && InputRole.isText(types.get(0)))) {
            InputRole role = named.isEmpty() ? singleRole(task, names, types) : InputRole.PROMPT;
            if (names.size() != 1) {
                problems.add("the task takes exactly one INPUT column, got " + names.size());
            } else if (!role.accepts(types.get(0))) {
                problems.add(
                        "column '"
                                + names.get(0)
                                + "' is "
                                + types.get(0).asSummaryString()
                                + ", expected "
                                + role.describe().substring(role.column().length() + 1));
            }
            roles.add(role);
        } else {
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                InputRole role =
                        named.stream()
                                .filter(r -> r.column().equals(name))
                                .findFirst()
                                .orElse(null);
                if (role == null) {
                    problems.add("column '" + name + "' is not an input of task " + task);
                } else if (!role.accepts(types.get(i))) {
                    problems.add(
                            "column '"
                                    + name
                                    + "' is "
                                    + types.get(i).asSummaryString()
                                    + ", expected "
                                    + role.describe().substring(role.column().length() + 1));
                }
                roles.add(role);
            }
            if (!names.contains(InputRole.PROMPT.column())) {
                problems.add("the column 'prompt' is required");
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(message(model, task, problems));
        }
        boolean[] binaryArrays = new boolean[types.size()];
        for (int i = 0; i < types.size(); i++) {
            binaryArrays[i] = InputRole.isBinaryArray(types.get(i));
        }
        return new RowInputConverter(
                task,
                roles.toArray(InputRole[]::new),
                types.toArray(LogicalType[]::new),
                binaryArrays,
                GenerationDefaults.from(options));
    }

    private static InputRole singleRole(
            InstillTask task, List<String> names, List<LogicalType> types) {
        if (task != InstillTask.EMBEDDING) {
            return InputRole.IMAGE;
        }
        boolean image =
                !types.isEmpty()
                        && (InputRole.isBinary(types.get(0))
                                || names.get(0).equalsIgnoreCase("image"));
        return image ? InputRole.IMAGE : InputRole.TEXT;
    }

    private static String message(String model, InstillTask task, List<String> problems) {
        StringBuilder text =
                new StringBuilder("The INPUT of model ")
                        .append(model)
                        .append(" does not fit task ")
                        .append(task)
                        .append(":\n");
        problems.forEach(p -> text.append("  - ").append(p).append('\n'));
        List<InputRole> named = InputRole.named(task);
        if (named.isEmpty()) {
            text.append(
                    task == InstillTask.EMBEDDING
                            ? "Expected INPUT: one column, STRING for a text (named image: a base64"
                                    + " image) or BYTES for an image"
                            : "Expected INPUT: one column of any name, BYTES (the image file) or"
                                    + " STRING (base64 or data URI)");
        } else {
            text.append("Expected INPUT for task ")
                    .append(task)
                    .append(
                            " (by column name; prompt is required, a lone STRING column is the"
                                    + " prompt):\n"
                                    + "  ")
                    .append(
                            named.stream()
                                    .map(InputRole::describe)
                                    .collect(Collectors.joining(", ")));
        }
        return text.toString();
    }
}
