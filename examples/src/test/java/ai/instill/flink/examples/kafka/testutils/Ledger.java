package ai.instill.flink.examples.kafka.testutils;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The books of one run: which input keys came out enriched and which as dead letters. {@link
 * #balance} checks, by count and by record id, that every input came out exactly once on exactly
 * one of the two topics.
 */
public record Ledger(List<String> outputs, List<String> deadLetters) {

    public static Ledger of(
            List<ConsumerRecord<String, String>> out, List<ConsumerRecord<String, String>> dead) {
        return new Ledger(
                out.stream().map(ConsumerRecord::key).toList(),
                dead.stream().map(ConsumerRecord::key).toList());
    }

    /**
     * Asserts inputs = outputs + dead letters, by count and by id, with no id twice. Returns this
     * for more checks.
     */
    public Ledger balance(Collection<String> inputs) {
        assertThat(outputs).as("outputs: no record twice").doesNotHaveDuplicates();
        assertThat(deadLetters).as("dead letters: no record twice").doesNotHaveDuplicates();
        Set<String> both = new HashSet<>(outputs);
        both.retainAll(new HashSet<>(deadLetters));
        assertThat(both).as("records both enriched and dead-lettered").isEmpty();
        assertThat(outputs.size() + deadLetters.size())
                .as("inputs = outputs + dead letters")
                .isEqualTo(inputs.size());
        List<String> all = new ArrayList<>(outputs);
        all.addAll(deadLetters);
        assertThat(all)
                .as("every input id comes out once")
                .containsExactlyInAnyOrderElementsOf(inputs);
        return this;
    }

    public int outputCount() {
        return outputs.size();
    }

    public int deadLetterCount() {
        return deadLetters.size();
    }
}
