package ai.instill.flink.client;

import ai.instill.flink.config.InstillOptions;
import io.grpc.ClientInterceptor;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.util.Optional;
import org.apache.flink.configuration.ReadableConfig;

/**
 * The headers Instill Model reads on every call, attached by one interceptor so each is sent
 * exactly once (the server treats a header sent twice as absent).
 */
final class CallHeaders {
    static final Metadata.Key<String> AUTHORIZATION = key("authorization");
    static final Metadata.Key<String> REQUESTER_UID = key("instill-requester-uid");
    static final Metadata.Key<String> USER_UID = key("instill-user-uid");
    static final Metadata.Key<String> AUTH_TYPE = key("instill-auth-type");

    private CallHeaders() {}

    static ClientInterceptor interceptor(ReadableConfig config, Optional<ApiToken> token) {
        Metadata headers = new Metadata();
        token.ifPresent(t -> headers.put(AUTHORIZATION, t.bearer()));
        config.getOptional(InstillOptions.AUTH_REQUESTER_UID)
                .ifPresent(uid -> headers.put(REQUESTER_UID, uid));
        config.getOptional(InstillOptions.AUTH_USER_UID)
                .ifPresent(
                        uid -> {
                            headers.put(USER_UID, uid);
                            headers.put(AUTH_TYPE, "user");
                        });
        return MetadataUtils.newAttachHeadersInterceptor(headers);
    }

    private static Metadata.Key<String> key(String name) {
        return Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
    }
}
