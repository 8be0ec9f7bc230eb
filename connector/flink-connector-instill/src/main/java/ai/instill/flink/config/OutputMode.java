package ai.instill.flink.config;

import static org.apache.flink.configuration.description.TextElement.text;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.DescribedEnum;
import org.apache.flink.configuration.description.InlineElement;

/** Whether enriched records leave the operator in input order. */
@PublicEvolving
public enum OutputMode implements DescribedEnum {
    ORDERED(
            "Results leave in the order their records arrived; a slow record holds back the ones"
                    + " behind it."),
    UNORDERED("Results leave as soon as they are ready (watermarks still bound the reordering).");

    private final String description;

    OutputMode(String description) {
        this.description = description;
    }

    @Override
    public InlineElement getDescription() {
        return text(description);
    }
}
