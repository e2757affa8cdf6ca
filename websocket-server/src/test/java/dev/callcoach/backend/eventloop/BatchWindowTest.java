package dev.callcoach.backend.eventloop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.DefaultSelectStrategyFactory;
import io.netty.channel.SelectStrategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The batch window on a virtual clock: when a loop sleeps, for how long, and what it then tells Netty. */
class BatchWindowTest {

    private static final long WINDOW = 2_000_000;

    private long now = 1_000_000_000;
    private final List<Long> sleeps = new ArrayList<>();
    private final BatchWindow window = new BatchWindow(WINDOW, () -> now, nanos -> {
        sleeps.add(nanos);
        now += nanos;
    });
    private int looks;

    /** A look at the sockets that finds {@code ready} of them with messages. */
    private int pass(int ready, boolean hasTasks) throws Exception {
        return window.calculateStrategy(() -> {
            looks++;
            return ready;
        }, hasTasks);
    }

    @Test
    void aQuietLoopSleepsInTheKernelAndLooksAtOnceWhenWoken() throws Exception {
        assertThat(pass(0, false)).isEqualTo(SelectStrategy.SELECT);
        now += 50_000_000; // the kernel wakes the loop for a message, which it handles
        assertThat(pass(0, false)).isEqualTo(SelectStrategy.SELECT);

        assertThat(sleeps).isEmpty();
        assertThat(looks).isEqualTo(2);
    }

    @Test
    void afterFindingMessagesTheNextLookWaitsOutTheWindow() throws Exception {
        assertThat(pass(3, false)).isEqualTo(3);
        now += 300_000; // handling the three took 0.3 ms

        assertThat(pass(40, false)).isEqualTo(40);

        assertThat(sleeps).containsExactly(WINDOW - 300_000);
        now += 100_000;
        pass(0, false);
        assertThat(sleeps).containsExactly(WINDOW - 300_000, WINDOW - 100_000);
    }

    @Test
    void aPassLongerThanTheWindowIsFollowedByALookAtOnce() throws Exception {
        pass(200, false);
        now += WINDOW + 1;

        assertThat(pass(5, false)).isEqualTo(5);

        assertThat(sleeps).isEmpty();
    }

    @Test
    void pendingTasksNeverWait() throws Exception {
        pass(3, false);

        assertThat(pass(0, true)).as("with tasks, Netty runs them after the look, never blocking").isZero();
        assertThat(pass(2, true)).isEqualTo(2);

        assertThat(sleeps).isEmpty();
    }

    @Test
    void aLookThatFindsNothingEndsTheBatching() throws Exception {
        pass(3, false);
        assertThat(pass(0, false)).isEqualTo(SelectStrategy.SELECT);
        sleeps.clear();
        now += 10_000; // woken by the kernel soon after

        pass(1, false);

        assertThat(sleeps).as("a loop the kernel woke looks at once").isEmpty();
    }

    @Test
    void theTransportKeepsNettysStrategyWithoutAWindowAndRefusesWindowsOutOfRange() {
        assertThat(BatchingEpollTransport.strategies(Duration.ZERO)).isSameAs(DefaultSelectStrategyFactory.INSTANCE);
        assertThat(BatchingEpollTransport.strategies(Duration.ofMillis(2)).newSelectStrategy()).isInstanceOf(BatchWindow.class);

        assertThatThrownBy(() -> BatchingEpollTransport.strategies(Duration.ofMillis(11)))
                .hasMessage("callcoach.event-loop.batch-window must be between 0ms and 10ms, got 11ms");
        assertThatThrownBy(() -> BatchingEpollTransport.strategies(Duration.ofMillis(-1)))
                .hasMessageContaining("between 0ms and 10ms");
        assertThatThrownBy(() -> new BatchWindow(0, System::nanoTime, nanos -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
