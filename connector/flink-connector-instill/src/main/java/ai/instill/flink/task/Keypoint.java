package ai.instill.flink.task;

import java.io.Serializable;
import org.apache.flink.annotation.PublicEvolving;

/** One keypoint in pixels of the input image, with the model's visibility score {@code v}. */
@PublicEvolving
public record Keypoint(double x, double y, double v) implements Serializable {}
