package ai.instill.flink.config;

import static org.apache.flink.configuration.description.TextElement.text;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.DescribedEnum;
import org.apache.flink.configuration.description.InlineElement;

/**
 * What the operator does with a record whose inference failed for good (after retries, or at once
 * for bad input).
 */
@PublicEvolving
public enum FailurePolicy implements DescribedEnum {
    FAIL("Fail the job (it restarts from the last checkpoint according to its restart strategy)."),
    SKIP("Drop the record and count it in the metric 'skipped'."),
    DEAD_LETTER(
            "Emit a dead-letter record (the input, task, model, status code, message and attempts)"
                    + " to the side output; the job keeps running."),
    ERROR_COLUMNS(
            "SQL only: emit the row with empty results and the error columns (error_code,"
                    + " error_message, error_attempts) filled in.");

    private final String description;

    FailurePolicy(String description) {
        this.description = description;
    }

    @Override
    public InlineElement getDescription() {
        return text(description);
    }
}
