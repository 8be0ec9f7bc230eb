package ai.instill.flink.task;

import java.io.Serializable;
import org.apache.flink.annotation.PublicEvolving;

/** A box in pixels of the input image: x of the left edge, y of the top edge, width and height. */
@PublicEvolving
public record BoundingBox(double left, double top, double width, double height)
        implements Serializable {}
