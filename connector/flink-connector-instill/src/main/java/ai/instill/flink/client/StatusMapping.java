package ai.instill.flink.client;

import ai.instill.flink.error.ErrorCode;
import ai.instill.flink.error.InstillModelException;
import io.grpc.Status;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLException;
import org.apache.flink.annotation.Internal;

/**
 * Turns whatever a gRPC call failed with into an {@link InstillModelException} that says what was
 * called.
 */
@Internal
public final class StatusMapping {
    private StatusMapping() {}

    public static InstillModelException toException(Throwable error, String what) {
        Throwable cause = unwrap(error);
        if (cause instanceof InstillModelException known) {
            return known;
        }
        Status status = Status.fromThrowable(cause);
        if (status.getCode() == Status.Code.UNKNOWN && status.getDescription() == null) {
            return new InstillModelException(ErrorCode.UNKNOWN, what + " failed: " + cause, cause);
        }
        ErrorCode code = ErrorCode.valueOf(status.getCode().name());
        StringBuilder message = new StringBuilder(what).append(" failed");
        if (status.getDescription() != null) {
            message.append(": ").append(status.getDescription());
        }
        SSLException tls = find(cause, SSLException.class);
        if (tls != null) {
            message.append(" (TLS handshake failed: ")
                    .append(tls.getMessage())
                    .append("; check the endpoint's certificate and the option 'tls.ca-file')");
        }
        return new InstillModelException(code, message.toString(), cause);
    }

    private static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
