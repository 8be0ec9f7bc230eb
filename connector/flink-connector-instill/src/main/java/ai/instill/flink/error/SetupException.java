package ai.instill.flink.error;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.runtime.throwable.ThrowableAnnotation;
import org.apache.flink.runtime.throwable.ThrowableType;

/**
 * A setup mistake found when an operator opens (endpoint, TLS, token, model, task), marked
 * non-recoverable so that Flink fails the job instead of restarting it into the same mistake.
 */
@ThrowableAnnotation(ThrowableType.NonRecoverableError)
@PublicEvolving
public final class SetupException extends InstillModelException {
    private static final long serialVersionUID = 1L;

    public SetupException(ErrorCode code, String reason) {
        super(code, reason);
    }
}
