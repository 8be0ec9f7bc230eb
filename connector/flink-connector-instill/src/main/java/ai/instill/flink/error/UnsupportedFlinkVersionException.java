package ai.instill.flink.error;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.runtime.throwable.ThrowableAnnotation;
import org.apache.flink.runtime.throwable.ThrowableType;

/**
 * The connector jar runs on a Flink line it was not built for; the message names the Flink versions
 * it needs and the build to use instead. Non-recoverable: a restart would meet the same Flink.
 */
@ThrowableAnnotation(ThrowableType.NonRecoverableError)
@PublicEvolving
public final class UnsupportedFlinkVersionException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public UnsupportedFlinkVersionException(String message) {
        super(message);
    }
}
