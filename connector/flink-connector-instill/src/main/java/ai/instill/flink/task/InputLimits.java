package ai.instill.flink.task;

import java.io.Serializable;

/** The size limits the codec enforces on an input before it is sent. */
public record InputLimits(long maxImageBytes) implements Serializable {

    /** 16 MiB per image. */
    public static final InputLimits DEFAULT = new InputLimits(16L * 1024 * 1024);

    public InputLimits {
        if (maxImageBytes < 1) {
            throw new IllegalArgumentException(
                    "maxImageBytes must be at least 1, got " + maxImageBytes);
        }
    }
}
