package ai.instill.flink.task;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Makes unmodifiable copies of input lists that keep null elements, so validation can name the bad
 * position.
 */
final class NullableLists {

    private NullableLists() {}

    /**
     * An unmodifiable copy of the list (empty for {@code null}); null elements are kept for the
     * codec to report.
     */
    static <T> List<T> copyOf(List<? extends T> list) {
        return list == null || list.isEmpty()
                ? List.of()
                : Collections.unmodifiableList(new ArrayList<>(list));
    }
}
