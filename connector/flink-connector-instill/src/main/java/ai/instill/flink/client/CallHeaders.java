package ai.instill.flink.client;

import io.grpc.ClientInterceptor;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;

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

    static ClientInterceptor interceptor(ClientSettings settings, ApiToken token) {
        Metadata headers = new Metadata();
        if (token != null) {
            headers.put(AUTHORIZATION, token.bearer());
        }
        if (settings.requesterUid() != null) {
            headers.put(REQUESTER_UID, settings.requesterUid());
        }
        if (settings.userUid() != null) {
            headers.put(USER_UID, settings.userUid());
            headers.put(AUTH_TYPE, "user");
        }
        return MetadataUtils.newAttachHeadersInterceptor(headers);
    }

    private static Metadata.Key<String> key(String name) {
        return Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
    }
}
