package ai.instill.flink.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskManagerSharedTest {
    private long now;
    private final List<String> created = new ArrayList<>();
    private final List<String> disposed = new ArrayList<>();

    /** Instances named after their key, kept unused for 10 ns, except those of keys "once:…". */
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
                            return value.toString().startsWith("once:") ? 0 : 10;
                        }

                        @Override
                        public void dispose(StringBuilder value) {
                            disposed.add(value.toString());
                        }
                    },
                    () -> now);

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
        now += 9;
        // a task restarted within the time finds it again
        var restarted = shared.acquire("a");
        assertThat(restarted.value()).isSameAs(instance);
        restarted.close();
        now += 10;
        shared.acquire("b").close();
        assertThat(shared.size()).as("a was dropped when b was asked for").isEqualTo(1);
        assertThat(disposed).containsExactly("a");
        assertThat(shared.acquire("a").value()).isNotSameAs(instance);
    }

    @Test
    void anInstanceInUseIsNeverDropped() {
        var kept = shared.acquire("a");
        var gone = shared.acquire("a");
        gone.close();
        now += 1_000;
        shared.acquire("b");
        assertThat(shared.acquire("a").value()).isSameAs(kept.value());
        assertThat(created).containsExactly("a", "b");
    }

    @Test
    void anInstanceNotWorthKeepingIsDisposedOfWithItsLastLease() {
        var first = shared.acquire("once:channel");
        var second = shared.acquire("once:channel");
        first.close();
        assertThat(disposed).as("still in use").isEmpty();
        second.close();
        assertThat(disposed).containsExactly("once:channel");
        assertThat(shared.size()).isZero();
        assertThat(shared.acquire("once:channel").value()).isNotSameAs(first.value());
    }
}
