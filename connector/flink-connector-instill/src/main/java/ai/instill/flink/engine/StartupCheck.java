package ai.instill.flink.engine;

import ai.instill.flink.client.InstillModelClient;
import ai.instill.flink.client.StatusMapping;
import ai.instill.flink.error.ErrorCode;
import ai.instill.flink.error.InstillModelException;
import ai.instill.flink.error.SetupException;
import ai.instill.flink.task.InstillTask;
import ai.instill.flink.task.ModelName;
import java.io.Serializable;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.annotation.Internal;

/**
 * The check an operator makes when it opens, before its first record: the endpoint answers, the
 * token is accepted, the model exists and serves the task. A mistake fails the job within seconds
 * instead of failing every record.
 */
@Internal
public record StartupCheck(Duration timeout, boolean restartable) implements Serializable {

    private static final long RETRY_PAUSE_MILLIS = 500;

    /**
     * Runs the check; an unreachable endpoint is retried until the timeout. Throws the failure,
     * marked non-recoverable unless restarts are allowed; a restarted job (attempt after the first)
     * may meet an outage rather than a mistake, so an unreachable endpoint stays recoverable there.
     */
    void run(InstillModelClient client, ModelName model, InstillTask task, int attemptNumber) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            InstillModelException failure;
            try {
                client.checkServes(model, task)
                        .get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted during the start-up check", e);
            } catch (TimeoutException e) {
                failure =
                        new InstillModelException(
                                ErrorCode.DEADLINE_EXCEEDED,
                                "Look-up of model "
                                        + model
                                        + " got no answer within 'startup-check.timeout' = "
                                        + timeout);
            } catch (Exception e) {
                failure = StatusMapping.toException(e, "Look-up of model " + model);
            }
            boolean retryable = failure.isRetryable();
            if (retryable && System.nanoTime() + RETRY_PAUSE_MILLIS * 1_000_000 < deadline) {
                pause();
                continue;
            }
            throw fail(failure, retryable && attemptNumber > 0);
        }
    }

    /** A failure found by the check, or when the operator could not even be set up. */
    InstillModelException fail(InstillModelException failure, boolean mayRecover) {
        String reason =
                "Start-up check failed, the job cannot run: "
                        + failure.reason()
                        + (restartable || mayRecover
                                ? ""
                                : " (not restarted; set 'startup-check.restart' = true to let"
                                        + " Flink restart it)");
        return restartable || mayRecover
                ? new InstillModelException(failure.code(), reason)
                : new SetupException(failure.code(), reason);
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during the start-up check", e);
        }
    }
}
