package ai.instill.flink.examples;

import ai.instill.flink.error.InstillModelException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.util.SerializedThrowable;

/**
 * Finds, in the exception a failed job ends with, the one line a user needs: the connector's
 * message (which names the fix), not Flink's wrapping of it.
 */
public final class JobFailure {
    private JobFailure() {}

    /** The connector's message if the job failed for one, else the root cause's. */
    public static String oneLine(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        for (Throwable t : chain) {
            if (t instanceof InstillModelException
                    || (t instanceof SerializedThrowable serialized
                            && serialized
                                    .getOriginalErrorClassName()
                                    .startsWith("ai.instill.flink.error."))) {
                return firstLine(t.getMessage());
            }
        }
        Throwable root = chain.get(chain.size() - 1);
        return firstLine(root.getMessage() == null ? root.toString() : root.getMessage());
    }

    private static String firstLine(String message) {
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
