package ai.instill.flink.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskManagerSharedTest {
    private final ManualTime time = new ManualTime();
    private final List<String> created = new ArrayList<>();

    /** Instances named after their key, kept unused for 10 ns. */
    private final TaskManagerShared<String, StringBuilder> shared =
            new TaskManagerShared<>(
                    new TaskManagerShared.Kind<>() {
                        @Override
                        public StringBuilder create(String key, long nowNanos) {
                            created.add(key);
                            return new StringBuilder(key);
                        }

                        @Override
                        public long keepIdleNanos(StringBuilder value, long nowNanos) {
                            return 10;
                        }
                    },
                    time::now);

    @Test
    void usersOfOneKeyShareOneInstance() {
        var first = shared.acquire("a");
        var second = shared.acquire("a");
        var other = shared.acquire("b");
        assertThat(first.value()).isSameAs(second.value()).isNotSameAs(other.value());
        assertThat(created).containsExactly("a", "b");
    }

    @Test
    void anInstanceOutlivesItsLastUserUntilItIsNoBetterThanANewOne() {
        var lease = shared.acquire("a");
        StringBuilder instance = lease.value();
        lease.close();
        lease.close(); // twice is once
        time.advance(9);
        // a task restarted within the time finds it again
        var restarted = shared.acquire("a");
        assertThat(restarted.value()).isSameAs(instance);
        restarted.close();
        time.advance(10);
        shared.acquire("b").close();
        assertThat(shared.size()).as("a was dropped when b was asked for").isEqualTo(1);
        assertThat(shared.acquire("a").value()).isNotSameAs(instance);
    }

    @Test
    void anInstanceInUseIsNeverDropped() {
        var kept = shared.acquire("a");
        var gone = shared.acquire("a");
        gone.close();
        time.advance(1_000);
        shared.acquire("b");
        assertThat(shared.acquire("a").value()).isSameAs(kept.value());
        assertThat(created).containsExactly("a", "b");
    }
}
