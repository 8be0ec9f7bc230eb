package ai.instill.flink.task;

import java.util.Objects;
import org.apache.flink.annotation.Internal;

/**
 * One input of a function call by position, such as SQL's {@code INSTILL_PREDICT(model_name, task,
 * input…)}: its name, the input field it feeds, and the kind of value it takes (one image for a
 * field of images).
 */
@Internal
public record InputArgument(String name, InputField<?> field, InputKind kind) {

    public InputArgument {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(kind, "kind");
    }

    /** The argument named after the field, taking a value of the field's kind. */
    public static InputArgument of(InputField<?> field) {
        return new InputArgument(field.name(), field, field.kind());
    }
}
