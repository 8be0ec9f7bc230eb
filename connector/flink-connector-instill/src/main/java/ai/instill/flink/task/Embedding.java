package ai.instill.flink.task;

import java.io.Serializable;
import java.util.Arrays;
import org.apache.flink.annotation.PublicEvolving;

/** The vector of one embedded item; {@code index} is the item's position in the input. */
@PublicEvolving
public record Embedding(int index, float[] vector) implements Serializable {

    public Embedding {
        vector = vector.clone();
    }

    /** A copy of the vector. */
    @Override
    public float[] vector() {
        return vector.clone();
    }

    public int dimensions() {
        return vector.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Embedding other
                && index == other.index
                && Arrays.equals(vector, other.vector);
    }

    @Override
    public int hashCode() {
        return 31 * index + Arrays.hashCode(vector);
    }

    @Override
    public String toString() {
        return "Embedding[index=" + index + ", vector=" + Arrays.toString(vector) + "]";
    }
}
