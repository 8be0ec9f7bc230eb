package ai.instill.flink.server.models;

import com.google.protobuf.ListValue;
import com.google.protobuf.Value;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Turns weighted feature tokens into an L2-normalised vector of fixed size by the hashing trick
 * (signed buckets).
 */
final class FeatureHashing {

    private static final Value ZERO = Value.newBuilder().setNumberValue(0.0).build();

    private FeatureHashing() {}

    static double[] vector(Map<String, Double> weightedTokens, int dimensions) {
        double[] vector = new double[dimensions];
        for (Map.Entry<String, Double> token : weightedTokens.entrySet()) {
            long hash = hash64(token.getKey());
            int bucket = (int) Math.floorMod(hash, (long) dimensions);
            double sign = (mix(hash) & 1L) == 0 ? 1.0 : -1.0;
            vector[bucket] += sign * token.getValue();
        }
        double norm = 0;
        for (double component : vector) {
            norm += component * component;
        }
        if (norm > 0) {
            double scale = 1.0 / Math.sqrt(norm);
            for (int i = 0; i < vector.length; i++) {
                vector[i] *= scale;
            }
        }
        return vector;
    }

    /**
     * The vector as a protobuf list; zeros share one Value instance so huge sparse vectors stay
     * cheap to build.
     */
    static Value asListValue(double[] vector) {
        ListValue.Builder list = ListValue.newBuilder();
        for (double component : vector) {
            list.addValues(
                    component == 0.0 ? ZERO : Value.newBuilder().setNumberValue(component).build());
        }
        return Value.newBuilder().setListValue(list).build();
    }

    /** A well-mixed 64-bit hash of a string (FNV-1a followed by a SplitMix64 finaliser). */
    static long hash64(String text) {
        return mix(fnv1a(text));
    }

    private static long fnv1a(String text) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xFF;
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
