package ai.instill.flink.client;

import ai.instill.flink.config.InstillOptions;
import ai.instill.flink.config.ProtocolVersion;
import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ReadableConfig;

/**
 * Everything a client needs to reach a model: the channel, the API generation, the call timeout and
 * the identity headers; checked once when the job is built.
 */
@Internal
public record ClientSettings(
        ChannelSettings channel,
        ProtocolVersion protocol,
        Duration requestTimeout,
        TokenSource token,
        String requesterUid,
        String userUid)
        implements Serializable {

    public ClientSettings {
        if (requestTimeout.isZero() || requestTimeout.isNegative()) {
            throw new IllegalArgumentException("Option 'request-timeout' must be positive");
        }
    }

    public static ClientSettings from(ReadableConfig config) {
        return new ClientSettings(
                ChannelSettings.from(config),
                config.get(InstillOptions.PROTOCOL),
                config.get(InstillOptions.REQUEST_TIMEOUT),
                TokenSource.from(config).orElse(null),
                config.getOptional(InstillOptions.AUTH_REQUESTER_UID).orElse(null),
                config.getOptional(InstillOptions.AUTH_USER_UID).orElse(null));
    }

    /** The endpoint as the user wrote it, for messages. */
    public String endpoint() {
        return channel.endpoint().toString();
    }
}
