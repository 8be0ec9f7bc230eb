package ai.instill.flink.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.instill.flink.docker.testutils.PromQuery;
import ai.instill.flink.docker.testutils.PromQuery.LabelMatcher;
import ai.instill.flink.docker.testutils.PromQuery.Selector;
import ai.instill.flink.docker.testutils.PrometheusScrape;
import ai.instill.flink.docker.testutils.PrometheusScrape.Gap;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How the dashboard check reads PromQL and compares it with a scrape: the parts of {@link
 * PrometheusDashboardITCase} that must be able to fail.
 */
class PromQueryTest {
    private static final String P = "flink_taskmanager_job_task_operator_instill_";
    private static final String LABELS =
            "job_name=\"a_job\",operator_name=\"Instill_ocr\",subtask_index=\"0\",tm_id=\"tm1\"";
    private static final PrometheusScrape SCRAPE =
            PrometheusScrape.parse(
                    String.join(
                            "\n",
                            "# HELP " + P + "recordsIn recordsIn (scope: …)",
                            "# TYPE " + P + "recordsIn gauge",
                            P + "recordsIn{" + LABELS + ",} 12.0",
                            P + "failures_TIMEOUT{" + LABELS + ",} 0.0",
                            P + "recordLatencyMs{" + LABELS + ",quantile=\"0.99\",} 7.0",
                            P + "recordLatencyMs_count{" + LABELS + ",} 3.0",
                            "flink_jobmanager_numRunningJobs 1.0"));

    @Test
    void readsTheMetricsAndMatchersOfAQueryAndSkipsFunctionsStringsAndRanges() {
        PromQuery query =
                PromQuery.parse(
                        "sum by (operator_name) (rate("
                                + P
                                + "recordsIn{job_name=~\"$job_name\"}[$__rate_interval]))"
                                + " / max(flink_jobmanager_numRunningJobs) > 0");

        assertThat(query.selectors())
                .containsExactly(
                        new Selector(
                                P + "recordsIn",
                                List.of(new LabelMatcher("job_name", "=~", "$job_name"))),
                        new Selector("flink_jobmanager_numRunningJobs", List.of()));
        assertThat(query.groupingLabels()).containsExactly("operator_name");
    }

    @Test
    void aLabelMadeByLabelReplaceIsNotAskedOfTheScrape() {
        PromQuery query =
                PromQuery.parse(
                        "sum by (code) (rate(label_replace({__name__=~\""
                                + P
                                + "failures_.+\", job_name=~\"$job_name\"}, \"code\", \"$1\","
                                + " \"__name__\", \""
                                + P
                                + "failures_(.+)\")[5m:]))");

        assertThat(query.selectors()).hasSize(1);
        assertThat(query.selectors().get(0).describe())
                .isEqualTo("{__name__=~\"" + P + "failures_.+\"}");
        assertThat(query.groupingLabels()).isEmpty();
        assertThat(SCRAPE.gaps(query)).isEmpty();
    }

    @Test
    void aVariableQueryNamesItsSelectorAndItsLabel() {
        PromQuery query = PromQuery.parse("label_values(" + P + "recordsIn, job_name)");

        assertThat(query.selectors()).containsExactly(new Selector(P + "recordsIn", List.of()));
        assertThat(query.groupingLabels()).containsExactly("job_name");
        assertThat(SCRAPE.gaps(query)).isEmpty();
    }

    @Test
    void aMetricTheScrapeLacksIsReportedAsMissing() {
        List<Gap> gaps =
                SCRAPE.gaps(
                        PromQuery.parse(
                                "sum(rate(" + P + "cacheHits{job_name=~\"$job_name\"}[1m]))"));

        assertThat(gaps).containsExactly(new Gap(P + "cacheHits", true, "no such metric"));
    }

    @Test
    void aQuantileOrLabelTheScrapeLacksIsReportedButTheMetricIsNotMissing() {
        assertThat(SCRAPE.gaps(PromQuery.parse(P + "recordLatencyMs{quantile=\"0.9\"}")))
                .singleElement()
                .satisfies(gap -> assertThat(gap.metricMissing()).isFalse());
        assertThat(SCRAPE.gaps(PromQuery.parse("sum by (pod) (" + P + "recordsIn)")))
                .containsExactly(new Gap(P + "recordsIn", false, "no label 'pod' to group by"));
        assertThat(SCRAPE.gaps(PromQuery.parse(P + "recordLatencyMs{quantile=\"0.99\"}")))
                .isEmpty();
    }

    @Test
    void aMatcherItCannotReadFailsInsteadOfPassing() {
        assertThatThrownBy(() -> PromQuery.parse(P + "recordsIn{job_name~\"x\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot read the label matchers");
    }
}
