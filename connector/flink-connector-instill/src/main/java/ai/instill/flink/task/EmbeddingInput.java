package ai.instill.flink.task;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.annotation.PublicEvolving;

/**
 * The input of EMBEDDING: the items to embed (one vector comes back per item) and optional format,
 * dimensions, input type and truncation ({@code null} = unset).
 */
@PublicEvolving
public record EmbeddingInput(
        List<EmbeddingItem> items,
        String format,
        Integer dimensions,
        String inputType,
        String truncate)
        implements TaskInput {

    public EmbeddingInput {
        items = NullableLists.copyOf(items);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link EmbeddingInput}; at least one item is required. */
    public static final class Builder {
        private final List<EmbeddingItem> items = new ArrayList<>();
        private String format;
        private Integer dimensions;
        private String inputType;
        private String truncate;

        private Builder() {}

        /** Replaces the items. */
        public Builder items(List<EmbeddingItem> newItems) {
            items.clear();
            if (newItems != null) {
                items.addAll(newItems);
            }
            return this;
        }

        public Builder items(EmbeddingItem... newItems) {
            return items(Arrays.asList(newItems));
        }

        public Builder addItem(EmbeddingItem item) {
            items.add(item);
            return this;
        }

        /** {@code float} or {@code base64}. */
        public Builder format(String format) {
            this.format = format;
            return this;
        }

        public Builder dimensions(Integer dimensions) {
            this.dimensions = dimensions;
            return this;
        }

        /** A model-defined hint such as {@code query} or {@code document}. */
        public Builder inputType(String inputType) {
            this.inputType = inputType;
            return this;
        }

        /** {@code None}, {@code End} or {@code Start}. */
        public Builder truncate(String truncate) {
            this.truncate = truncate;
            return this;
        }

        public EmbeddingInput build() {
            return new EmbeddingInput(items, format, dimensions, inputType, truncate);
        }
    }
}
