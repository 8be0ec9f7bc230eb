package ai.instill.flink.table;

import ai.instill.flink.task.InputArgument;
import ai.instill.flink.task.InstillTask;
import ai.instill.flink.task.TaskDescriptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.functions.FunctionDefinition;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.inference.ArgumentCount;
import org.apache.flink.table.types.inference.CallContext;
import org.apache.flink.table.types.inference.ConstantArgumentCount;
import org.apache.flink.table.types.inference.InputTypeStrategy;
import org.apache.flink.table.types.inference.Signature;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.utils.DataTypeUtils;

/**
 * The arguments of {@code INSTILL_PREDICT(model_name, task, input…)}: the task must be a literal,
 * and the inputs follow it by position with the types of that task; every argument reaches {@code
 * eval} as internal data.
 */
final class PredictFunctionArguments implements InputTypeStrategy {

    /** The task named by the call's second argument, which must be a STRING literal. */
    static Optional<InstillTask> task(CallContext call) {
        if (call.getArgumentDataTypes().size() < 2 || !call.isArgumentLiteral(1)) {
            return Optional.empty();
        }
        try {
            return call.getArgumentValue(1, String.class).map(InstillTask::parse);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public ArgumentCount getArgumentCount() {
        return ConstantArgumentCount.from(3);
    }

    @Override
    public Optional<List<DataType>> inferInputTypes(CallContext call, boolean throwOnFailure) {
        List<DataType> arguments = call.getArgumentDataTypes();
        String problem = problem(call, arguments);
        if (problem != null) {
            if (throwOnFailure) {
                throw call.newValidationError(
                        "INSTILL_PREDICT(model_name, task, input...): %s", problem);
            }
            return Optional.empty();
        }
        List<DataType> internal = new ArrayList<>();
        for (DataType argument : arguments) {
            DataType type =
                    argument.getLogicalType().is(LogicalTypeRoot.NULL)
                            ? DataTypes.STRING()
                            : argument;
            internal.add(DataTypeUtils.toInternalDataType(type));
        }
        return Optional.of(internal);
    }

    private static String problem(CallContext call, List<DataType> arguments) {
        if (!SqlInputTypes.isText(arguments.get(0).getLogicalType())) {
            return "model_name must be a STRING such as 'namespace/model/version'";
        }
        if (!call.isArgumentLiteral(1)) {
            return "task must be a STRING literal such as 'CLASSIFICATION'";
        }
        String text = call.getArgumentValue(1, String.class).orElse("");
        InstillTask task;
        try {
            task = InstillTask.parse(text);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        List<InputArgument> roles = TaskDescriptions.of(task).arguments();
        int inputs = arguments.size() - 2;
        if (inputs > roles.size()) {
            return "task "
                    + task
                    + " takes at most "
                    + roles.size()
                    + " inputs: "
                    + describe(roles);
        }
        for (int i = 0; i < inputs; i++) {
            LogicalType type = arguments.get(i + 2).getLogicalType();
            if (!type.is(LogicalTypeRoot.NULL)
                    && !SqlInputTypes.accepts(roles.get(i).kind(), type)) {
                return "input "
                        + (i + 1)
                        + " of task "
                        + task
                        + " is "
                        + type.asSummaryString()
                        + "; the inputs are "
                        + describe(roles);
            }
        }
        return null;
    }

    private static String describe(List<InputArgument> roles) {
        return String.join(
                ", ",
                roles.stream()
                        .map(a -> a.name() + " " + SqlInputTypes.describe(a.kind()))
                        .toList());
    }

    @Override
    public List<Signature> getExpectedSignatures(FunctionDefinition definition) {
        List<Signature> signatures = new ArrayList<>();
        for (InstillTask task : InstillTask.values()) {
            List<Signature.Argument> arguments = new ArrayList<>();
            arguments.add(Signature.Argument.of("model_name", "STRING"));
            arguments.add(Signature.Argument.of("task", "'" + task.name() + "'"));
            for (InputArgument argument : TaskDescriptions.of(task).arguments()) {
                arguments.add(
                        Signature.Argument.of(
                                argument.name(), SqlInputTypes.describe(argument.kind())));
            }
            signatures.add(Signature.of(arguments));
        }
        return signatures;
    }
}
