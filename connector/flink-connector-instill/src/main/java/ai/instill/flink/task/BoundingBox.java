package ai.instill.flink.task;

import java.io.Serializable;

/** A box in pixels of the input image: x of the left edge, y of the top edge, width and height. */
public record BoundingBox(double left, double top, double width, double height)
        implements Serializable {}
