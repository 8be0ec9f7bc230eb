package ai.instill.flink.server;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Counts the values of the Instill identity headers on every call (for {@link
 * ModelStats#lastHeaderCounts()}) and, when an API token is configured, rejects calls without
 * exactly one {@code authorization: Bearer <token>} header. Liveness and Readiness stay open, as
 * behind the real gateway.
 */
final class CallHeadersInterceptor implements ServerInterceptor {

    /** The headers whose value counts are recorded, in a fixed order. */
    static final List<String> COUNTED_HEADERS =
            List.of(
                    "authorization",
                    "instill-user-uid",
                    "instill-auth-type",
                    "instill-requester-uid");

    private static final Context.Key<Map<String, Integer>> HEADER_COUNTS =
            Context.key("instill-header-counts");
    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final Set<String> OPEN_METHODS = Set.of("Liveness", "Readiness");

    private final byte[] expectedAuthorization;

    /**
     * @param apiToken the token every call must carry, or null to accept every call
     */
    CallHeadersInterceptor(String apiToken) {
        this.expectedAuthorization =
                apiToken == null ? null : ("Bearer " + apiToken).getBytes(StandardCharsets.UTF_8);
    }

    /** The header counts of the call being served on this thread (all zero outside a call). */
    static Map<String, Integer> currentCounts() {
        Map<String, Integer> counts = HEADER_COUNTS.get();
        return counts != null ? counts : countsOf(new Metadata());
    }

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
            ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
        Map<String, Integer> counts = countsOf(headers);
        if (expectedAuthorization != null
                && !OPEN_METHODS.contains(call.getMethodDescriptor().getBareMethodName())) {
            String problem = authorizationProblem(headers);
            if (problem != null) {
                call.close(Status.UNAUTHENTICATED.withDescription(problem), new Metadata());
                return new ServerCall.Listener<>() {};
            }
        }
        return Contexts.interceptCall(
                Context.current().withValue(HEADER_COUNTS, counts), call, headers, next);
    }

    private String authorizationProblem(Metadata headers) {
        Iterable<String> values = headers.getAll(AUTHORIZATION);
        int count = 0;
        String value = null;
        if (values != null) {
            for (String v : values) {
                count++;
                value = v;
            }
        }
        if (count == 0) {
            return "missing authorization header: send 'authorization: Bearer <api token>'";
        }
        if (count > 1) {
            return "the authorization header must be sent exactly once, got " + count + " values";
        }
        if (!MessageDigest.isEqual(expectedAuthorization, value.getBytes(StandardCharsets.UTF_8))) {
            return "invalid API token in the authorization header";
        }
        return null;
    }

    private static Map<String, Integer> countsOf(Metadata headers) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String name : COUNTED_HEADERS) {
            Iterable<String> values =
                    headers.getAll(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER));
            int count = 0;
            if (values != null) {
                for (String ignored : values) {
                    count++;
                }
            }
            counts.put(name, count);
        }
        return counts;
    }
}
