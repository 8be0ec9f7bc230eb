package ai.instill.flink.task;

import static org.assertj.core.api.Assertions.assertThat;

import ai.instill.flink.task.testutils.TaskSamples;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every task has one description, and its parts fit together and fit the typed input and result.
 */
class TaskDescriptionsTest {

    @ParameterizedTest
    @EnumSource(InstillTask.class)
    void everyTaskHasADescriptionOfItsOwnInputAndResultTypes(InstillTask task) {
        TaskDescription<?, ?> description = TaskDescriptions.of(task);

        assertThat(description.task()).isEqualTo(task);
        assertThat(description.inputType())
                .isEqualTo(TaskCodec.of(task, InputLimits.DEFAULT).inputType())
                .isEqualTo(TaskSamples.input(task).getClass());
        assertThat(description.resultType()).isEqualTo(TaskSamples.result(task).getClass());
        assertThat(TaskDescriptions.ofResult(TaskSamples.result(task)).resultType())
                .isEqualTo(description.resultType());
    }

    @ParameterizedTest
    @EnumSource(InstillTask.class)
    void everyInputFieldReachesTheTypedInput(InstillTask task) {
        TaskDescription<?, ?> description = TaskDescriptions.of(task);
        TaskInput full = description.input(values(description.inputs(), null));

        for (InputField<?> field : description.inputs()) {
            assertThat(description.input(values(description.inputs(), field)))
                    .as("the input without %s", field.name())
                    .isNotEqualTo(full);
        }
    }

    @ParameterizedTest
    @EnumSource(InstillTask.class)
    void namesAreSnakeCaseAndArgumentsFeedTheTasksOwnFields(InstillTask task) {
        TaskDescription<?, ?> description = TaskDescriptions.of(task);

        assertThat(description.inputs())
                .allSatisfy(f -> assertThat(f.name()).matches("[a-z]+(_[a-z]+)*"));
        assertThat(description.inputs()).anyMatch(InputField::isRequired);
        assertThat(description.arguments()).isNotEmpty();
        for (InputArgument argument : description.arguments()) {
            assertThat(description.inputs()).contains(argument.field());
            assertThat(argument.field().isSqlColumn()).isTrue();
            assertThat(argument.kind())
                    .isIn(
                            argument.field().kind(),
                            argument.field().kind() == InputKind.IMAGES ? InputKind.IMAGE : null);
        }
        assertThat(description.arguments().get(0).field().isRequired()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(InstillTask.class)
    void everyResultFieldReadsAValueOfItsType(InstillTask task) {
        TaskDescription<?, ?> description = TaskDescriptions.of(task);
        TaskResult result = TaskSamples.result(task);

        assertThat(description.results()).anyMatch(f -> f.column() != null);
        assertThat(description.results()).anyMatch(f -> f.jsonKey() != null);
        for (ResultField<?> field : description.results()) {
            assertOfType(field.type(), field.valueOf(result), field.toString());
        }
    }

    @Test
    void onlyTheSegmentationMasksAreOnDemand() {
        for (InstillTask task : InstillTask.values()) {
            boolean onDemand =
                    TaskDescriptions.of(task).results().stream()
                            .anyMatch(f -> f.type().hasOnDemandFields());
            assertThat(onDemand)
                    .as("%s has on-demand fields", task)
                    .isEqualTo(
                            task == InstillTask.INSTANCE_SEGMENTATION
                                    || task == InstillTask.SEMANTIC_SEGMENTATION);
        }
    }

    /** A value for every field but {@code left} (null: none left out). */
    private static InputValues values(List<InputField<?>> fields, InputField<?> left) {
        InputValues.Builder values = InputValues.builder();
        for (InputField<?> field : fields) {
            if (field != left) {
                values.put(field, sample(field.kind()));
            }
        }
        return values.build();
    }

    private static Object sample(InputKind kind) {
        return switch (kind) {
            case TEXT -> "x";
            case INTEGER -> 3;
            case LONG -> 4L;
            case DECIMAL -> 0.5;
            case IMAGE -> TaskSamples.image();
            case IMAGES -> List.of(TaskSamples.image());
            case CHAT_HISTORY -> List.of(ChatMessage.user("hi"));
            case EMBEDDING_ITEMS -> List.of(EmbeddingItem.text("a"));
        };
    }

    private static void assertOfType(ResultType type, Object value, String at) {
        assertThat(value).as(at).isNotNull();
        switch (type.kind()) {
            case STRING -> assertThat(value).as(at).isInstanceOf(String.class);
            case DOUBLE -> assertThat(value).as(at).isInstanceOf(Double.class);
            case INT -> assertThat(value).as(at).isInstanceOf(Integer.class);
            case BIGINT -> assertThat(value).as(at).isInstanceOf(Long.class);
            case IMAGE -> assertThat(value).as(at).isInstanceOf(Image.class);
            case VECTOR -> assertThat(value).as(at).isInstanceOf(float[].class);
            case MASK -> assertThat(value).as(at).isInstanceOf(BinaryMask.class);
            case ARRAY -> {
                assertThat(value).as(at).isInstanceOf(List.class);
                assertThat((List<?>) value).as(at).isNotEmpty();
                for (Object element : (List<?>) value) {
                    assertOfType(type.element(), element, at + "[]");
                }
            }
            case ROW -> {
                for (ResultField<?> field : type.fields()) {
                    assertOfType(field.type(), field.valueOf(value), at + "." + field);
                }
            }
        }
    }
}
