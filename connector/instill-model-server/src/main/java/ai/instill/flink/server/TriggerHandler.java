package ai.instill.flink.server;

import ai.instill.flink.server.models.ModelFailure;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.grpc.Status;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.util.concurrent.EventExecutor;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one trigger call for an already resolved model, for both protocol generations: checks the
 * {@code data} envelope (the real server's panic), writes {@code data.model}, validates the inputs,
 * applies the model's faults without blocking gRPC threads (the model runs on a scheduled pool once
 * its delay is over), runs the model on all inputs and answers, keeping the model's counters.
 */
final class TriggerHandler {

    private static final Logger LOG = LoggerFactory.getLogger(TriggerHandler.class);

    /** Inputs up to this many bytes in all are answered on the connection's own event loop. */
    static final int SMALL_CALL_BYTES = 16 * 1024;

    private final ScheduledExecutorService models;
    private final EventLoopGroup connections;

    /**
     * {@code models}: the threads that wait out the delay of large calls and then run the model,
     * with no hand-over between; {@code connections}: the server's event loops, one of which
     * handles each call (null: every call goes to {@code models}).
     */
    TriggerHandler(ScheduledExecutorService models, EventLoopGroup connections) {
        this.models = models;
        this.connections = connections;
    }

    /**
     * Handles the call and eventually completes {@code observer} exactly once.
     *
     * @param responseFor builds the generation's response message from the outputs
     */
    <R> void trigger(
            ServedModel model,
            List<Struct> inputs,
            Function<List<Struct>, R> responseFor,
            StreamObserver<R> observer) {
        model.stats().callStarted(inputs.size());
        Answer<R> answer = new Answer<>(model, responseFor, observer);

        List<Struct> prepared = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            String envelopeProblem = envelopeProblem(inputs.get(i));
            if (envelopeProblem != null) {
                answer.fail(
                        Status.UNKNOWN.withDescription(
                                "panic triggered: assignment to entry in nil map (task_inputs["
                                        + i
                                        + "].data "
                                        + envelopeProblem
                                        + ")"));
                return;
            }
            prepared.add(withModelId(inputs.get(i), model.name().model()));
        }
        List<String> problems = TaskInputValidator.problems(model.task(), prepared);
        if (!problems.isEmpty()) {
            answer.fail(Status.INVALID_ARGUMENT.withDescription(describe(problems)));
            return;
        }

        CallPlan plan = model.faults().planCall(prepared.size());
        Runnable respond =
                plan.fails()
                        ? () ->
                                answer.fail(
                                        Status.fromCode(plan.failure())
                                                .withDescription(
                                                        "stand-in fault injection: "
                                                                + plan.failure()
                                                                + " for "
                                                                + model.name()))
                        : () -> answerWithModel(model, prepared, plan, answer);
        try {
            timerFor(model, prepared)
                    .schedule(respond, plan.delayBeforeAnswer().toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            answer.fail(
                    Status.UNAVAILABLE.withDescription("the local model server is shutting down"));
        }
    }

    /**
     * Where the call waits out its delay and runs its model: a small call on the event loop of its
     * connection (the thread it arrived on), so that its answer is written there with no hand-over
     * between threads and no other thread to wake; a large one (an image) on the model pool, so
     * that decoding it does not hold up the connection's other calls. A real model always runs on
     * the model pool: its inference takes milliseconds even on small inputs.
     */
    private ScheduledExecutorService timerFor(ServedModel model, List<Struct> inputs) {
        if (connections == null || model.model().isReal()) {
            return models;
        }
        long bytes = 0;
        for (Struct input : inputs) {
            bytes += input.getSerializedSize();
            if (bytes > SMALL_CALL_BYTES) {
                return models;
            }
        }
        for (EventExecutor loop : connections) {
            if (loop.inEventLoop()) {
                return loop;
            }
        }
        return models;
    }

    private static <R> void answerWithModel(
            ServedModel model, List<Struct> inputs, CallPlan plan, Answer<R> answer) {
        try {
            answer.succeed(outputs(model, inputs, plan.outputTrim(), plan.malformed()));
        } catch (Throwable t) {
            LOG.error("model {} crashed", model.name(), t);
            answer.fail(Status.INTERNAL.withDescription("the model crashed: " + t));
        }
    }

    /**
     * Runs the model on every input in order; a failure on any input empties the whole answer, as
     * on real servers.
     */
    private static List<Struct> outputs(
            ServedModel model,
            List<Struct> inputs,
            CallPlan.OutputTrim trim,
            MalformedOutput malformed) {
        if (trim == CallPlan.OutputTrim.EMPTY) {
            return List.of();
        }
        List<Struct> outputs = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            try {
                outputs.add(model.model().infer(inputs.get(i)));
            } catch (ModelFailure | RuntimeException e) {
                LOG.warn(
                        "model {} failed on task_inputs[{}]: {}; answering OK with empty"
                                + " task_outputs, as released Instill Model servers do",
                        model.name(),
                        i,
                        e.getMessage());
                return List.of();
            }
        }
        if (trim == CallPlan.OutputTrim.ONE_FEWER && !outputs.isEmpty()) {
            outputs.remove(outputs.size() - 1);
        }
        if (malformed != null) {
            outputs.replaceAll(malformed::applyTo);
        }
        return outputs;
    }

    /**
     * Why the input's data would make the real server panic, or null when it is a non-empty object.
     */
    private static String envelopeProblem(Struct input) {
        Value data = input.getFieldsMap().get("data");
        if (data == null) {
            return "is missing";
        }
        if (data.getKindCase() != Value.KindCase.STRUCT_VALUE) {
            return "is not an object";
        }
        if (data.getStructValue().getFieldsCount() == 0) {
            return "is an empty object";
        }
        return null;
    }

    private static Struct withModelId(Struct input, String modelId) {
        Struct data =
                input.getFieldsMap().get("data").getStructValue().toBuilder()
                        .putFields("model", Value.newBuilder().setStringValue(modelId).build())
                        .build();
        return input.toBuilder()
                .putFields("data", Value.newBuilder().setStructValue(data).build())
                .build();
    }

    private static String describe(List<String> problems) {
        List<String> shown =
                problems.subList(0, Math.min(problems.size(), TaskInputValidator.MAX_REPORTED));
        String text =
                "task inputs do not match the schema of the model's task: "
                        + String.join("; ", shown);
        return problems.size() > shown.size()
                ? text + "; and " + (problems.size() - shown.size()) + " more"
                : text;
    }

    /** Completes one call exactly once and keeps the model's counters in step. */
    private static final class Answer<R> {
        private final ServedModel model;
        private final Function<List<Struct>, R> responseFor;
        private final StreamObserver<R> observer;
        private final AtomicBoolean done = new AtomicBoolean();

        Answer(
                ServedModel model,
                Function<List<Struct>, R> responseFor,
                StreamObserver<R> observer) {
            this.model = model;
            this.responseFor = responseFor;
            this.observer = observer;
        }

        void succeed(List<Struct> outputs) {
            if (done.compareAndSet(false, true)) {
                // counted as finished before the answer leaves, so a client that sends its next
                // call as soon as the
                // answer arrives is never seen as one call too many
                model.stats().callFinished(true);
                try {
                    observer.onNext(responseFor.apply(outputs));
                    observer.onCompleted();
                } catch (RuntimeException e) {
                    LOG.debug(
                            "could not send the answer of a call to {} (client gone?): {}",
                            model.name(),
                            e.toString());
                }
            }
        }

        void fail(Status status) {
            if (done.compareAndSet(false, true)) {
                model.stats().callFinished(false);
                try {
                    observer.onError(status.asRuntimeException());
                } catch (RuntimeException e) {
                    LOG.debug(
                            "could not send the error of a call to {} (client gone?): {}",
                            model.name(),
                            e.toString());
                }
            }
        }
    }
}
