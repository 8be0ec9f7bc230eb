package ai.instill.flink.cluster;

import ai.instill.flink.examples.kafka.TopicClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes the input records of run-e2e.sh and checks every output record the cluster wrote, reading with
 * read_committed: counts, ids (all present, none twice) and each record's content as the stand-in models compute it.
 *
 * <pre>
 * produce-prompts  BOOTSTRAP TOPIC PARTITIONS GOOD BAD        text-generation inputs, BAD of them malformed
 * check-enriched   BOOTSTRAP INPUT OUTPUT DEAD_LETTERS GOOD BAD TIMEOUT_S
 * produce-questions BOOTSTRAP TOPIC PARTITIONS GOOD BAD       SQL inputs, BAD of them with an empty question
 * check-answers    BOOTSTRAP ANSWERS FAILED GOOD BAD TIMEOUT_S
 * </pre>
 *
 * Exit code 0 when every check passed, 1 otherwise; one line per check on standard out.
 */
public final class ClusterCheck {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COMPLETION_PREFIX = "stand-in: ";
    private static final String CHAT_PREFIX = "stand-in answer to: ";
    /** The script's model has a system message, which the chat stand-in counts as one earlier message. */
    private static final String CHAT_SUFFIX = " (history: 1 earlier messages)";
    /** How long to keep reading after the expected count was reached, to catch late duplicates. */
    private static final long SETTLE_MILLIS = 4_000;

    private final List<String> failures = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        ClusterCheck check = new ClusterCheck();
        switch (args[0]) {
            case "produce-prompts" -> producePrompts(args[1], args[2], i(args[3]), i(args[4]), i(args[5]));
            case "check-enriched" -> check.checkEnriched(args[1], args[2], args[3], args[4], i(args[5]), i(args[6]),
                    i(args[7]));
            case "produce-questions" -> produceQuestions(args[1], args[2], i(args[3]), i(args[4]), i(args[5]));
            case "check-answers" -> check.checkAnswers(args[1], args[2], args[3], i(args[4]), i(args[5]), i(args[6]));
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
        System.exit(check.failures.isEmpty() ? 0 : 1);
    }

    // ---- inputs ---------------------------------------------------------------------------------

    static String prompt(int n) {
        return "record " + n + " asks the cluster about part " + (n % 7);
    }

    static String question(int n) {
        return "What does record " + n + " say?";
    }

    private static void producePrompts(String bootstrap, String topic, int partitions, int good, int bad)
            throws Exception {
        TopicClient.createTopics(bootstrap, partitions, List.of(topic));
        List<Map.Entry<String, String>> records = new ArrayList<>();
        for (int n = 0; n < good; n++) {
            ObjectNode record = JSON.createObjectNode().put("id", id("r", n)).put("prompt", prompt(n));
            records.add(Map.entry(id("r", n), JSON.writeValueAsString(record)));
        }
        for (int n = 0; n < bad; n++) {
            // a number where the prompt must be a string: a dead letter with code INVALID_INPUT
            ObjectNode record = JSON.createObjectNode().put("id", id("bad", n)).put("prompt", n);
            records.add(Map.entry(id("bad", n), JSON.writeValueAsString(record)));
        }
        Collections.shuffle(records, new java.util.Random(42));
        TopicClient.write(bootstrap, topic, records);
        System.out.printf("wrote %d records to %s (%d partitions): %d prompts, %d malformed%n",
                records.size(), topic, partitions, good, bad);
    }

    private static void produceQuestions(String bootstrap, String topic, int partitions, int good, int bad)
            throws Exception {
        TopicClient.createTopics(bootstrap, partitions, List.of(topic));
        List<Map.Entry<String, String>> records = new ArrayList<>();
        for (int n = 0; n < good; n++) {
            ObjectNode record = JSON.createObjectNode().put("id", id("q", n)).put("question", question(n));
            records.add(Map.entry(id("q", n), JSON.writeValueAsString(record)));
        }
        for (int n = 0; n < bad; n++) {
            // an empty question: the model call fails and the row comes back with its error columns
            ObjectNode record = JSON.createObjectNode().put("id", id("empty", n)).put("question", "");
            records.add(Map.entry(id("empty", n), JSON.writeValueAsString(record)));
        }
        TopicClient.write(bootstrap, topic, records);
        System.out.printf("wrote %d records to %s (%d partitions): %d questions, %d empty%n",
                records.size(), topic, partitions, good, bad);
    }

    private static String id(String prefix, int n) {
        return String.format("%s-%05d", prefix, n);
    }

    // ---- checks ---------------------------------------------------------------------------------

    private void checkEnriched(String bootstrap, String input, String output, String deadLetters, int good, int bad,
            int timeoutSeconds) throws Exception {
        long start = System.nanoTime();
        List<ConsumerRecord<String, String>> out = awaitRecords(bootstrap, output, good, timeoutSeconds);
        List<ConsumerRecord<String, String>> dlq = awaitRecords(bootstrap, deadLetters, bad, timeoutSeconds);
        System.out.printf("read %d enriched and %d dead-letter records (read_committed) in %.1f s%n",
                out.size(), dlq.size(), (System.nanoTime() - start) / 1e9);

        checkRecords(out, good, "enriched records", "enriched", "r", "enriched records with the expected model answer",
                (record, value) -> value.path("id").asText(),
                (record, value, id) -> {
                    if (!id.matches("r-\\d+")) {
                        return false; // not a prompt that should be enriched
                    }
                    int n = Integer.parseInt(id.substring(2));
                    JsonNode instill = value.path("instill");
                    return id.equals(record.key()) && value.path("prompt").asText().equals(prompt(n))
                            && instill.path("task").asText().equals("TASK_TEXT_GENERATION")
                            && instill.path("model").asText().equals("local/stand-in-completion/v1")
                            && instill.path("result").path("text").asText()
                                    .equals(COMPLETION_PREFIX + reversedWords(prompt(n)));
                });
        checkRecords(dlq, bad, "dead letters", "dead-letter", "bad",
                "dead letters with code INVALID_INPUT and the field named",
                (record, value) -> JSON.readTree(value.path("original").asText()).path("id").asText(),
                (record, value, id) -> id.equals(record.key())
                        && value.path("code").asText().equals("INVALID_INPUT")
                        && value.path("error_class").asText().equals("BAD_INPUT")
                        && value.path("reason").asText().startsWith("field 'prompt'")
                        && value.path("source").path("topic").asText().equals(input)
                        && value.path("attempts").asInt(-1) == 0);
        expect("records in = enriched + dead-lettered", out.size() + dlq.size(), good + bad);
        report();
    }

    private void checkAnswers(String bootstrap, String answers, String failed, int good, int bad, int timeoutSeconds)
            throws Exception {
        long start = System.nanoTime();
        List<ConsumerRecord<String, String>> out = awaitRecords(bootstrap, answers, good, timeoutSeconds);
        List<ConsumerRecord<String, String>> err = awaitRecords(bootstrap, failed, bad, timeoutSeconds);
        System.out.printf("read %d answers and %d failed rows (read_committed) in %.1f s%n",
                out.size(), err.size(), (System.nanoTime() - start) / 1e9);

        checkRecords(out, good, "answers", "answer", "q", "answers with the expected model answer",
                (record, value) -> value.path("id").asText(),
                (record, value, id) -> {
                    if (!id.matches("q-\\d+")) {
                        return false; // not a question that should have an answer
                    }
                    int n = Integer.parseInt(id.substring(2));
                    return value.path("question").asText().equals(question(n))
                            && value.path("answer").asText().equals(CHAT_PREFIX + question(n) + CHAT_SUFFIX)
                            && value.path("total_tokens").asLong() > 0;
                });
        if (!err.isEmpty()) {
            System.out.println("a failed row: " + err.get(0).value());
        }
        checkRecords(err, bad, "failed rows", "failed-row", "empty", "failed rows with error_code and error_message",
                (record, value) -> value.path("id").asText(),
                (record, value, id) -> !value.path("error_code").asText("").isEmpty()
                        && !value.path("error_message").asText("").isEmpty());
        report();
    }

    /** Reads the id of an output record (its value parsed once as JSON). */
    private interface IdOf {
        String of(ConsumerRecord<String, String> record, JsonNode value) throws IOException;
    }

    /** Whether an output record, with its id, says what it should. */
    private interface AsExpected {
        boolean test(ConsumerRecord<String, String> record, JsonNode value, String id);
    }

    /**
     * Checks one output topic: how many records it holds, that every id {@code <idPrefix>-00000…} is there exactly
     * once, and that each record says what it should.
     */
    private void checkRecords(List<ConsumerRecord<String, String>> records, int expected, String plural,
            String singular, String idPrefix, String contentLabel, IdOf idOf, AsExpected asExpected)
            throws IOException {
        Map<String, Integer> seen = new HashMap<>();
        int contentOk = 0;
        for (ConsumerRecord<String, String> record : records) {
            JsonNode value = JSON.readTree(record.value());
            String id = idOf.of(record, value);
            seen.merge(id, 1, Integer::sum);
            if (asExpected.test(record, value, id)) {
                contentOk++;
            } else {
                failures.add("unexpected " + singular + " record " + record.key() + ": " + record.value());
            }
        }
        expect(plural, records.size(), expected);
        expect(singular + " ids present", idsPresent(seen, idPrefix, expected), expected);
        expect(singular + " ids seen more than once", duplicates(seen), 0);
        expect(contentLabel, contentOk, expected);
    }

    /** Reads the topic until it holds {@code expected} committed records, then a little longer for late extras. */
    private static List<ConsumerRecord<String, String>> awaitRecords(
            String bootstrap, String topic, int expected, int timeoutSeconds) throws InterruptedException {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        try (TopicClient.Reader reader = new TopicClient.Reader(bootstrap, topic, true)) {
            while (records.size() < expected && System.nanoTime() < deadline) {
                records.addAll(reader.pollToEnd());
                if (records.size() < expected) {
                    Thread.sleep(500);
                }
            }
            Thread.sleep(SETTLE_MILLIS);
            records.addAll(reader.pollToEnd());
        }
        return records;
    }

    private static String reversedWords(String text) {
        List<String> words = new ArrayList<>(List.of(text.strip().split("\\s+")));
        Collections.reverse(words);
        return String.join(" ", words);
    }

    private static int idsPresent(Map<String, Integer> seen, String prefix, int count) {
        int present = 0;
        for (int n = 0; n < count; n++) {
            if (seen.containsKey(id(prefix, n))) {
                present++;
            }
        }
        return present;
    }

    private static int duplicates(Map<String, Integer> seen) {
        Set<String> twice = new TreeSet<>();
        seen.forEach((id, times) -> {
            if (times > 1) {
                twice.add(id);
            }
        });
        return twice.size();
    }

    private void expect(String what, long actual, long expected) {
        boolean ok = actual == expected;
        System.out.printf("  %-4s %-58s %6d (expected %d)%n", ok ? "ok" : "FAIL", what, actual, expected);
        if (!ok) {
            failures.add(what + ": " + actual + " instead of " + expected);
        }
    }

    private void report() {
        failures.stream().limit(3).forEach(f -> System.out.println("  problem: " + f));
    }

    private static int i(String value) {
        return Integer.parseInt(value);
    }
}
