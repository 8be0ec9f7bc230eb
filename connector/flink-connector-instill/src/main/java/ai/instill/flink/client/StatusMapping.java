package ai.instill.flink.client;

import ai.instill.flink.error.ErrorCode;
import ai.instill.flink.error.InstillModelException;
import io.grpc.Status;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.util.Locale;
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
        StringBuilder message = new StringBuilder(what).append(" failed");
        if (status.getDescription() != null) {
            // gRPC appends the channel pipeline on further lines of an I/O failure
            message.append(": ").append(status.getDescription().lines().findFirst().orElse(""));
        }
        Hint hint = hint(cause, status);
        if (hint != null) {
            message.append(" (").append(hint.text()).append(')');
        }
        ErrorCode code =
                hint != null && hint.code() != null
                        ? hint.code()
                        : ErrorCode.valueOf(status.getCode().name());
        return new InstillModelException(code, message.toString(), cause);
    }

    /** What the user should change, and the code when the hint makes a retry pointless. */
    private record Hint(String text, ErrorCode code) {}

    private static Hint hint(Throwable cause, Status status) {
        SSLException tls = find(cause, SSLException.class);
        if (tls != null) {
            String detail = String.valueOf(tls.getMessage()).lines().findFirst().orElse("");
            if (detail.contains("not an SSL/TLS record")) {
                return new Hint(
                        "the server speaks plaintext, not TLS: drop 'https://' from the option"
                                + " 'endpoint' or set 'tls.enabled' = false",
                        ErrorCode.ENDPOINT_MISMATCH);
            }
            String lower = detail.toLowerCase(Locale.ROOT);
            if (lower.contains("certificate_required") || lower.contains("bad_certificate")) {
                return new Hint(
                        "the server asks for a client certificate: set the options"
                                + " 'tls.client-cert-file' and 'tls.client-key-file'",
                        ErrorCode.ENDPOINT_MISMATCH);
            }
            if (find(cause, CertificateException.class) != null
                    || find(cause, GeneralSecurityException.class) != null
                    || detail.contains("certification path")) {
                return new Hint(
                        "the server's certificate is not trusted: set the option 'tls.ca-file' to"
                                + " the PEM file of the authority that signed it",
                        ErrorCode.ENDPOINT_MISMATCH);
            }
            return new Hint(
                    "TLS handshake failed: "
                            + detail
                            + "; check the endpoint's certificate and the option 'tls.ca-file'",
                    ErrorCode.ENDPOINT_MISMATCH);
        }
        if (find(cause, ConnectException.class) != null) {
            return new Hint(
                    "connection refused: nothing listens at that address; check the option"
                            + " 'endpoint'",
                    null);
        }
        if (find(cause, UnknownHostException.class) != null) {
            return new Hint("unknown host; check the option 'endpoint'", null);
        }
        String description = String.valueOf(status.getDescription());
        if (description.contains("invalid content-type") || answeredInHttp1(cause)) {
            return new Hint(
                    "the server at that address is not a gRPC server (an HTTP or REST port?);"
                            + " check the option 'endpoint'",
                    ErrorCode.ENDPOINT_MISMATCH);
        }
        if (status.getCode() == Status.Code.UNAUTHENTICATED) {
            return new Hint(
                    "check the API token given by 'auth.token-env' or 'auth.token-file'", null);
        }
        return null;
    }

    /** An HTTP/2 connection whose first answer began with "HTTP/": a plain HTTP/1 server. */
    private static boolean answeredInHttp1(Throwable cause) {
        for (Throwable t = cause; t != null && t.getCause() != t; t = t.getCause()) {
            String text = String.valueOf(t.getMessage());
            if (text.contains("not SETTINGS") && text.contains("485454502f")) {
                return true;
            }
        }
        return false;
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
