package ai.instill.flink.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.instill.flink.config.InstillOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiTokenTest {
    private static final String SECRET = "instill_sk_0123456789abcdef";

    @Test
    void noTokenConfiguredMeansNoHeader() {
        assertThat(TokenSource.from(new Configuration())).isEmpty();
    }

    @Test
    void inlineTokenBecomesABearerHeader() {
        Configuration config = new Configuration();
        config.set(InstillOptions.AUTH_TOKEN, SECRET);
        assertThat(TokenSource.from(config).map(s -> s.resolve(Map.of())).orElseThrow().bearer())
                .isEqualTo("Bearer " + SECRET);
    }

    @Test
    void tokenFromAnEnvironmentVariable() {
        Configuration config = new Configuration();
        config.set(InstillOptions.AUTH_TOKEN_ENV, "INSTILL_TOKEN");
        assertThat(
                        TokenSource.from(config)
                                .map(s -> s.resolve(Map.of("INSTILL_TOKEN", SECRET)))
                                .orElseThrow()
                                .bearer())
                .endsWith(SECRET);
    }

    @Test
    void tokenFromAFileIgnoresTheTrailingNewline(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("token");
        Files.writeString(file, SECRET + "\n");
        Configuration config = new Configuration();
        config.set(InstillOptions.AUTH_TOKEN_FILE, file.toString());
        assertThat(TokenSource.from(config).map(s -> s.resolve(Map.of())).orElseThrow().bearer())
                .isEqualTo("Bearer " + SECRET);
    }

    @Test
    void missingVariableAndFileAreNamedWithoutAnyTokenText(@TempDir Path dir) {
        Configuration env = new Configuration();
        env.set(InstillOptions.AUTH_TOKEN_ENV, "NOT_SET_ANYWHERE");
        assertThatThrownBy(() -> TokenSource.from(env).map(s -> s.resolve(Map.of())))
                .hasMessageContaining("NOT_SET_ANYWHERE");

        Configuration file = new Configuration();
        file.set(InstillOptions.AUTH_TOKEN_FILE, dir.resolve("absent").toString());
        assertThatThrownBy(() -> TokenSource.from(file).map(s -> s.resolve(Map.of())))
                .hasMessageContaining("absent");
    }

    @Test
    void twoSourcesAtOnceAreRefused() {
        Configuration config = new Configuration();
        config.set(InstillOptions.AUTH_TOKEN, SECRET);
        config.set(InstillOptions.AUTH_TOKEN_ENV, "X");
        assertThatThrownBy(() -> TokenSource.from(config).map(s -> s.resolve(Map.of())))
                .hasMessageContaining("only one")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void toStringNeverShowsTheToken() {
        Configuration config = new Configuration();
        config.set(InstillOptions.AUTH_TOKEN, SECRET);
        TokenSource source = TokenSource.from(config).orElseThrow();
        assertThat(source.toString()).doesNotContain(SECRET);
        assertThat(source.resolve(Map.of()).toString()).doesNotContain(SECRET);
    }

    @Test
    void aTokenWithWhiteSpaceInsideIsRefusedWithoutEchoingIt() {
        Configuration config = new Configuration();
        config.set(InstillOptions.AUTH_TOKEN, "instill sk");
        assertThatThrownBy(() -> TokenSource.from(config).map(s -> s.resolve(Map.of())))
                .hasMessageContaining("white space")
                .hasMessageNotContaining("instill sk");
    }
}
