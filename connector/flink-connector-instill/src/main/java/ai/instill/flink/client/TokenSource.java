package ai.instill.flink.client;

import ai.instill.flink.config.InstillOptions;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ReadableConfig;

/**
 * Where the API token comes from (inline, an environment variable or a file), checked where the job
 * is built and resolved where it runs; an inline value is never printed.
 */
@Internal
public record TokenSource(Kind kind, String value) implements Serializable {

    /** The three ways to give the token, one option each. */
    public enum Kind {
        INLINE,
        ENV,
        FILE
    }

    /** Reads at most one of auth.token, auth.token-env and auth.token-file; empty for none. */
    public static Optional<TokenSource> from(ReadableConfig config) {
        Optional<String> inline = config.getOptional(InstillOptions.AUTH_TOKEN);
        Optional<String> env = config.getOptional(InstillOptions.AUTH_TOKEN_ENV);
        Optional<String> file = config.getOptional(InstillOptions.AUTH_TOKEN_FILE);
        int given =
                (inline.isPresent() ? 1 : 0)
                        + (env.isPresent() ? 1 : 0)
                        + (file.isPresent() ? 1 : 0);
        if (given > 1) {
            throw new IllegalArgumentException(
                    "Set only one of 'auth.token', 'auth.token-env' and 'auth.token-file'");
        }
        if (env.isPresent()) {
            return Optional.of(new TokenSource(Kind.ENV, env.get()));
        }
        if (file.isPresent()) {
            return Optional.of(new TokenSource(Kind.FILE, file.get()));
        }
        return inline.map(token -> new TokenSource(Kind.INLINE, token));
    }

    /** The token itself, read where the job runs; fails with the option to fix. */
    ApiToken resolve(Map<String, String> environment) {
        String raw =
                switch (kind) {
                    case INLINE -> value;
                    case ENV -> {
                        String fromEnv = environment.get(value);
                        if (fromEnv == null || fromEnv.isBlank()) {
                            throw new IllegalArgumentException(
                                    "Option 'auth.token-env' names the environment variable "
                                            + value
                                            + ", which is not set on this machine (the TaskManager"
                                            + " in a cluster); export it where the job runs");
                        }
                        yield fromEnv;
                    }
                    case FILE -> read(Path.of(value));
                };
        return ApiToken.of(raw.strip());
    }

    private static String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "Option 'auth.token-file' names "
                            + path
                            + ", which cannot be read: "
                            + e.getClass().getSimpleName());
        }
    }

    @Override
    public String toString() {
        return kind == Kind.INLINE
                ? "auth.token=(redacted)"
                : "auth.token-" + kind.name().toLowerCase(java.util.Locale.ROOT) + "=" + value;
    }
}
