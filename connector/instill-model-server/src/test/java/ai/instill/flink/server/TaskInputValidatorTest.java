package ai.instill.flink.server;

import static ai.instill.flink.server.models.StructValues.struct;
import static ai.instill.flink.server.testutils.TaskInputs.chat;
import static ai.instill.flink.server.testutils.TaskInputs.message;
import static ai.instill.flink.server.testutils.TaskInputs.text;
import static org.assertj.core.api.Assertions.assertThat;

import ai.instill.flink.proto.common.task.v1alpha.Task;
import ai.instill.flink.server.testutils.TaskInputs;
import com.google.protobuf.Struct;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskInputValidatorTest {

    @Test
    void acceptsWellFormedInputsOfEveryTask() {
        assertThat(problems(Task.TASK_DETECTION, TaskInputs.image("AAAA"))).isEmpty();
        assertThat(problems(Task.TASK_OCR, TaskInputs.imageUrl("https://example.com/a.png")))
                .isEmpty();
        assertThat(
                        problems(
                                Task.TASK_COMPLETION,
                                TaskInputs.prompt(
                                        "hi",
                                        "max-tokens",
                                        5,
                                        "seed",
                                        1,
                                        "n",
                                        1,
                                        "temperature",
                                        0.2,
                                        "top-p",
                                        1)))
                .isEmpty();
        assertThat(
                        problems(
                                Task.TASK_CHAT,
                                chat(List.of(message("user", text("hi"))), "max-tokens", 8)))
                .isEmpty();
        assertThat(
                        problems(
                                Task.TASK_TEXT_TO_IMAGE,
                                TaskInputs.prompt(
                                        "fox",
                                        "n",
                                        2,
                                        "aspect-ratio",
                                        "16:9",
                                        "negative-prompt",
                                        "blur")))
                .isEmpty();
        assertThat(
                        problems(
                                Task.TASK_EMBEDDING,
                                TaskInputs.embeddings(
                                        List.of(text("x")),
                                        "format",
                                        "float",
                                        "dimensions",
                                        8,
                                        "input-type",
                                        "query",
                                        "truncate",
                                        "End")))
                .isEmpty();
    }

    @Test
    void namesTheInputIndexAndFieldOfEachProblem() {
        List<String> problems =
                TaskInputValidator.problems(
                        Task.TASK_COMPLETION,
                        List.of(
                                TaskInputs.prompt("fine"),
                                TaskInputs.prompt("fine"),
                                struct("data", struct("prompt", 3))));

        assertThat(problems)
                .containsExactly("task_inputs[2].data.prompt: required string, got number");
    }

    @Test
    void reportsMissingAndMistypedFields() {
        assertThat(problems(Task.TASK_COMPLETION, struct("data", struct("text", "x"))))
                .containsExactly("task_inputs[0].data.prompt: required string");
        assertThat(problems(Task.TASK_COMPLETION, TaskInputs.prompt("x", "max-tokens", 2.5)))
                .containsExactly(
                        "task_inputs[0].parameter.max-tokens: must be an integer, got 2.5");
        assertThat(problems(Task.TASK_COMPLETION, TaskInputs.prompt("x", "temperature", "hot")))
                .containsExactly(
                        "task_inputs[0].parameter.temperature: must be a number, got string");
        assertThat(
                        problems(
                                Task.TASK_CLASSIFICATION,
                                struct("data", struct("type", "image-base64"))))
                .containsExactly("task_inputs[0].data.image-base64: required string");
        assertThat(
                        problems(
                                Task.TASK_CLASSIFICATION,
                                struct("data", struct("image-base64", "AAAA"))))
                .containsExactly(
                        "task_inputs[0].data.type: required, one of \"image-base64\","
                                + " \"image-url\"");
        assertThat(problems(Task.TASK_TEXT_TO_IMAGE, TaskInputs.prompt("x", "aspect-ratio", "7:3")))
                .singleElement()
                .asString()
                .startsWith("task_inputs[0].parameter.aspect-ratio: must be one of");
        assertThat(
                        problems(
                                Task.TASK_EMBEDDING,
                                TaskInputs.embeddings(List.of(text("x")), "dimensions", 0)))
                .containsExactly("task_inputs[0].parameter.dimensions: must be at least 1, got 0");
        assertThat(problems(Task.TASK_EMBEDDING, struct("data", struct("embeddings", List.of()))))
                .containsExactly("task_inputs[0].data.embeddings: required non-empty array");
        assertThat(
                        problems(
                                Task.TASK_DETECTION,
                                struct(
                                        "data",
                                        struct("type", "image-url", "image-url", "u"),
                                        "parameter",
                                        null)))
                .containsExactly("task_inputs[0].parameter: must be an object, got null");
    }

    @Test
    void checksChatMessagesAndTheirParts() {
        Struct input =
                chat(
                        List.of(
                                message("robot", text("hi")),
                                struct("role", "user", "content", List.of(struct("type", "text"))),
                                struct("role", "user", "content", "hello")));

        assertThat(problems(Task.TASK_CHAT, input))
                .containsExactly(
                        "task_inputs[0].data.messages[0].role: must be one of \"system\", \"user\","
                                + " \"assistant\", got \"robot\"",
                        "task_inputs[0].data.messages[1].content[0].text: required string",
                        "task_inputs[0].data.messages[2].content: must be an array of content"
                                + " parts, got string");
        assertThat(problems(Task.TASK_CHAT, struct("data", struct("prompt", "hi"))))
                .containsExactly("task_inputs[0].data.messages: required non-empty array");
    }

    @Test
    void validatesAgainstTheModelsTaskNotTheShapeOfTheInput() {
        assertThat(problems(Task.TASK_CHAT, TaskInputs.prompt("hello")))
                .containsExactly("task_inputs[0].data.messages: required non-empty array");
    }

    private static List<String> problems(Task task, Struct input) {
        return TaskInputValidator.problems(task, List.of(input));
    }
}
