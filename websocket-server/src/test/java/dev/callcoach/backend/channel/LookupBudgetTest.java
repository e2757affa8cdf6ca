package dev.callcoach.backend.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LookupBudgetTest {

    private final AtomicLong now = new AtomicLong();
    private final LookupBudget budget = new LookupBudget(3, Duration.ofSeconds(30), now::get);

    @Test
    void aConnectionGetsItsCapacityThenOneMorePerRefillInterval() {
        assertThat(budget.tryTake("a")).isTrue();
        assertThat(budget.tryTake("a")).isTrue();
        assertThat(budget.tryTake("a")).isTrue();
        assertThat(budget.tryTake("a")).isFalse();
        // Another connection has a bucket of its own.
        assertThat(budget.tryTake("b")).isTrue();

        now.addAndGet(Duration.ofSeconds(9).toNanos());
        assertThat(budget.tryTake("a")).isFalse();
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(budget.tryTake("a")).isTrue();
        assertThat(budget.tryTake("a")).isFalse();

        // Never more than the capacity, however long the connection was quiet.
        now.addAndGet(Duration.ofHours(1).toNanos());
        for (int i = 0; i < 3; i++) {
            assertThat(budget.tryTake("a")).isTrue();
        }
        assertThat(budget.tryTake("a")).isFalse();
    }

    @Test
    void aClosedConnectionIsForgotten() {
        budget.tryTake("a");
        budget.tryTake("a");
        budget.tryTake("a");
        budget.forget("a");
        assertThat(budget.tryTake("a")).isTrue();
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThatThrownBy(() -> new LookupBudget(0, Duration.ofMinutes(1), now::get)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LookupBudget(1, Duration.ZERO, now::get)).isInstanceOf(IllegalArgumentException.class);
    }
}
