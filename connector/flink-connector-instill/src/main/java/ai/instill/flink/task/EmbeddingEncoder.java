package ai.instill.flink.task;

import ai.instill.flink.error.InvalidInputException;
import com.google.protobuf.Struct;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes an {@link EmbeddingInput}: {@code data.embeddings} (one entry per item) and the optional
 * parameters.
 */
final class EmbeddingEncoder {

    private static final List<String> FORMATS = List.of("float", "base64");
    private static final List<String> TRUNCATIONS = List.of("None", "End", "Start");

    private EmbeddingEncoder() {}

    static Struct encode(EmbeddingInput input, InputLimits limits) {
        if (input.items().isEmpty()) {
            throw new InvalidInputException(TaskDescriptions.ITEMS.name(), "must not be empty");
        }
        List<WireObject> embeddings = new ArrayList<>();
        for (int i = 0; i < input.items().size(); i++) {
            embeddings.add(
                    item(
                            input.items().get(i),
                            TaskDescriptions.ITEMS.name() + "[" + i + "]",
                            limits));
        }
        WireObject parameter =
                WireObject.create()
                        .putIfSet(
                                "format",
                                InputChecks.optionalChoice(input.format(), "format", FORMATS))
                        .putIfSet(
                                "dimensions",
                                InputChecks.atLeast(
                                        input.dimensions(), 1, TaskDescriptions.DIMENSIONS.name()))
                        .putIfSet(
                                "input-type",
                                InputChecks.optionalText(
                                        input.inputType(), TaskDescriptions.INPUT_TYPE.name()))
                        .putIfSet(
                                "truncate",
                                InputChecks.optionalChoice(
                                        input.truncate(), "truncate", TRUNCATIONS));
        WireObject envelope =
                WireObject.create().put("data", WireObject.create().put("embeddings", embeddings));
        Struct parameters = parameter.toStruct();
        if (parameters.getFieldsCount() > 0) {
            envelope.put("parameter", parameter);
        }
        return envelope.toStruct();
    }

    private static WireObject item(EmbeddingItem item, String field, InputLimits limits) {
        InputChecks.element(item, field);
        if (item instanceof EmbeddingItem.TextItem text) {
            return WireObject.create()
                    .put("type", "text")
                    .put("text", InputChecks.requiredText(text.text(), field + ".text"));
        }
        if (item instanceof EmbeddingItem.ImageItem image) {
            Image checked = InputChecks.image(image.image(), field + ".image", limits);
            return WireObject.create()
                    .put("type", "image-base64")
                    .put("image-base64", checked.dataUri());
        }
        EmbeddingItem.ImageUrlItem url = (EmbeddingItem.ImageUrlItem) item;
        return WireObject.create()
                .put("type", "image-url")
                .put("image-url", InputChecks.imageUrl(url.url(), field + ".image-url", limits));
    }
}
