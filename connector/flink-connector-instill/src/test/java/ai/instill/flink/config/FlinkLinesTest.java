package ai.instill.flink.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.instill.flink.error.UnsupportedFlinkVersionException;
import org.apache.flink.runtime.util.EnvironmentInformation;
import org.junit.jupiter.api.Test;

/** Which Flink a build of the connector runs on, and what it says on any other. */
class FlinkLinesTest {
    private static final FlinkLines DEFAULT = new FlinkLines("0.1.0-SNAPSHOT", "2.1+", "2.2.1");
    private static final FlinkLines LTS = new FlinkLines("0.1.0-SNAPSHOT-1.20", "1.20", "1.20.3");

    @Test
    void thisBuildServesTheFlinkOnItsClassPath() {
        String running = EnvironmentInformation.getVersion();
        assertThat(FlinkLines.built().serves(FlinkLines.line(running)))
                .as("Flink %s served by a build for %s", running, FlinkLines.built().lines())
                .isTrue();
        assertThat(FlinkLines.built().builtAgainst()).isEqualTo(running);
    }

    @Test
    void theDefaultBuildServes21AndLater() {
        assertThat(DEFAULT.serves("2.1")).isTrue();
        assertThat(DEFAULT.serves("2.2")).isTrue();
        assertThat(DEFAULT.serves("2.3")).isTrue();
        assertThat(DEFAULT.serves("3.0")).isTrue();
        assertThat(DEFAULT.serves("2.0")).isFalse();
        assertThat(DEFAULT.serves("1.20")).isFalse();
    }

    @Test
    void aLineBuildServesOnlyItsLine() {
        assertThat(LTS.serves("1.20")).isTrue();
        assertThat(LTS.serves("1.19")).isFalse();
        assertThat(LTS.serves("2.0")).isFalse();
        assertThat(LTS.serves("2.2")).isFalse();
    }

    @Test
    void theDefaultBuildOnAnOlderLineNamesTheFlinkItNeedsAndTheBuildToUse() {
        assertThatThrownBy(() -> DEFAULT.check("INSTILL_PREDICT", "1.20.3"))
                .isInstanceOf(UnsupportedFlinkVersionException.class)
                .hasMessage(
                        "INSTILL_PREDICT: this build of the Instill connector (0.1.0-SNAPSHOT,"
                                + " built against Flink 2.2.1) needs Flink 2.1 or later, but this"
                                + " is Flink 1.20.3. Use the build for Flink 1.20: version"
                                + " 0.1.0-SNAPSHOT-1.20.");
        assertThatThrownBy(() -> DEFAULT.check("InstillInference", "2.0.2"))
                .hasMessageEndingWith("Use the build for Flink 2.0: version 0.1.0-SNAPSHOT-2.0.");
    }

    @Test
    void aLineBuildOnAnotherLinePointsAtTheRightBuild() {
        assertThatThrownBy(() -> LTS.check("InstillInference", "2.2.1"))
                .hasMessageContaining("needs Flink 1.20.x, but this is Flink 2.2.1")
                .hasMessageEndingWith(
                        "Use the build for Flink 2.1 and later: version 0.1.0-SNAPSHOT.");
        assertThatThrownBy(() -> LTS.check("InstillInference", "1.19.2"))
                .hasMessageEndingWith("The oldest Flink line the connector supports is 1.20.");
    }

    @Test
    void anUnknownRunningVersionIsNotRefused() {
        assertThatCode(() -> DEFAULT.check("InstillInference", "<unknown>"))
                .doesNotThrowAnyException();
        assertThatCode(() -> DEFAULT.check("InstillInference", "2.3-SNAPSHOT"))
                .doesNotThrowAnyException();
    }
}
