package ai.instill.flink.task;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.annotation.Internal;

/**
 * The values a surface read for a task's input fields, by field; a field without a value reads as
 * {@code null}. A {@link TaskDescription} builds its typed input from them.
 */
@Internal
public final class InputValues {
    private final Map<String, Object> values;

    private InputValues(Map<String, Object> values) {
        this.values = values;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The value of a field, or {@code null} when it was not given. */
    @SuppressWarnings("unchecked")
    public <T> T get(InputField<T> field) {
        return (T) values.get(field.name());
    }

    /** Collects the values of one input. */
    public static final class Builder {
        private final Map<String, Object> values = new HashMap<>();

        private Builder() {}

        /**
         * Sets a field's value, which must be of the field's kind; {@code null} leaves the field
         * unset.
         */
        public Builder put(InputField<?> field, Object value) {
            if (value != null) {
                if (!field.kind().javaType().isInstance(value)) {
                    throw new IllegalArgumentException(
                            "field "
                                    + field.name()
                                    + " takes a "
                                    + field.kind().javaType().getSimpleName()
                                    + ", got "
                                    + value.getClass().getName());
                }
                values.put(field.name(), value);
            }
            return this;
        }

        public InputValues build() {
            return new InputValues(new HashMap<>(values));
        }
    }
}
