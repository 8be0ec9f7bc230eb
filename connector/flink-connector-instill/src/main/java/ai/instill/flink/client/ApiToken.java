package ai.instill.flink.client;

import ai.instill.flink.config.InstillOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.configuration.ReadableConfig;

/**
 * The API token, resolved from the job's options (inline, an environment variable or a file) and
 * never printed.
 */
final class ApiToken {
    private final String value;

    private ApiToken(String value) {
        this.value = value;
    }

    /** Resolves the token from at most one of auth.token, auth.token-env and auth.token-file. */
    static Optional<ApiToken> resolve(ReadableConfig config) {
        return resolve(config, System.getenv());
    }

    static Optional<ApiToken> resolve(ReadableConfig config, Map<String, String> environment) {
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
        Optional<String> raw = inline;
        if (env.isPresent()) {
            String variable = env.get();
            String fromEnv = environment.get(variable);
            if (fromEnv == null || fromEnv.isBlank()) {
                throw new IllegalArgumentException(
                        "Option 'auth.token-env' names the environment variable "
                                + variable
                                + ", which is not set");
            }
            raw = Optional.of(fromEnv);
        } else if (file.isPresent()) {
            raw = Optional.of(read(Path.of(file.get())));
        }
        return raw.map(String::strip)
                .map(
                        token -> {
                            if (token.isEmpty()) {
                                throw new IllegalArgumentException("The API token is empty");
                            }
                            if (token.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
                                throw new IllegalArgumentException(
                                        "The API token contains white space or non-ASCII"
                                                + " characters; it cannot be sent as a header");
                            }
                            return new ApiToken(token);
                        });
    }

    private static String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "Option 'auth.token-file' names "
                            + path
                            + ", which cannot be read: "
                            + e.getClass().getSimpleName(),
                    null);
        }
    }

    /** The value of the {@code authorization} header. */
    String bearer() {
        return "Bearer " + value;
    }

    @Override
    public String toString() {
        return "ApiToken(redacted)";
    }
}
