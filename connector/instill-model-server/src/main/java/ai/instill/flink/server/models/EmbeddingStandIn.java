package ai.instill.flink.server.models;

import ai.instill.flink.server.imaging.RgbPixels;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Embedding stand-in: text items become feature-hashed bags of lower-cased words, image items
 * feature-hashed colour histograms (4×4×4 RGB bins), both L2-normalised to {@code dimensions}
 * (default 512) floats.
 */
public final class EmbeddingStandIn implements StandInModel {

    static final int DEFAULT_DIMENSIONS = 512;

    /** Upper bound that keeps one request from exhausting the server's memory. */
    static final long MAX_DIMENSIONS = 4_000_000;

    @Override
    public Struct infer(Struct taskInput) throws ModelFailure {
        long dimensions =
                StructPath.integer(taskInput, DEFAULT_DIMENSIONS, "parameter", "dimensions");
        if (dimensions < 1 || dimensions > MAX_DIMENSIONS) {
            throw new ModelFailure(
                    "the embedding stand-in supports 1.."
                            + MAX_DIMENSIONS
                            + " dimensions, not "
                            + dimensions);
        }
        List<Value> items =
                StructPath.find(taskInput, "data", "embeddings")
                        .map(value -> value.getListValue().getValuesList())
                        .orElse(List.of());
        long created = StandInOutput.createdNow();
        List<Struct> embeddings = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            double[] vector =
                    FeatureHashing.vector(
                            features(items.get(i).getStructValue()), (int) dimensions);
            embeddings.add(
                    StructValues.struct(
                            "index", i,
                            "vector", FeatureHashing.asListValue(vector),
                            "created", created));
        }
        return StandInOutput.of(StructValues.struct("embeddings", embeddings));
    }

    private static Map<String, Double> features(Struct item) throws ModelFailure {
        switch (StructPath.string(item, "", "type")) {
            case "text":
                return wordFeatures(StructPath.string(item, "", "text"));
            case "image-base64":
                return colourFeatures(
                        ImageInputs.decode(StructPath.string(item, "", "image-base64")));
            case "image-url":
                throw ImageInputs.urlUnsupported();
            default:
                throw new ModelFailure("unsupported embedding item type");
        }
    }

    private static Map<String, Double> wordFeatures(String text) {
        Map<String, Double> counts = new LinkedHashMap<>();
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty()) {
                counts.merge("word:" + word, 1.0, Double::sum);
            }
        }
        return counts;
    }

    private static Map<String, Double> colourFeatures(RgbPixels image) {
        Map<String, Double> shares = new LinkedHashMap<>();
        double weight = 1.0 / Math.max(1, image.pixelCount());
        for (int i = 0; i < image.pixelCount(); i++) {
            int rgb = image.rgbAt(i);
            String bin =
                    "rgb:"
                            + (RgbPixels.red(rgb) >> 6)
                            + ","
                            + (RgbPixels.green(rgb) >> 6)
                            + ","
                            + (RgbPixels.blue(rgb) >> 6);
            shares.merge(bin, weight, Double::sum);
        }
        return shares;
    }
}
