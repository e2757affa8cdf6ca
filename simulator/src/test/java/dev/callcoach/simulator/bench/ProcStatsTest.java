package dev.callcoach.simulator.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ProcStatsTest {

    @Test
    void cpuTicksAreUtimePlusStimeEvenWhenTheCommandNameHasSpacesAndParentheses() {
        String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 12345 0 3 0 1500 250 0 0 20 0 40 0 "
                + "123456 4000000000 70000 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0";

        assertThat(ProcStats.cpuTicks(stat)).isEqualTo(1750);
        assertThat(ProcStats.ticksToNanos(1750)).isEqualTo(17_500_000_000L);
    }

    @Test
    void rssComesFromTheVmRssLine() {
        String status = "Name:\tjava\nVmPeak:\t 9000000 kB\nVmRSS:\t  287416 kB\nRssAnon:\t  250000 kB\n";

        assertThat(ProcStats.vmRssKb(status)).isEqualTo(287_416);
    }

    @Test
    void garbageIsAClearError() {
        assertThatThrownBy(() -> ProcStats.cpuTicks("no parentheses here")).hasMessageContaining("/proc/<pid>/stat");
        assertThatThrownBy(() -> ProcStats.vmRssKb("Name:\tjava\n")).hasMessageContaining("VmRSS");
    }

    @Test
    void cpuPerCallSecondDividesByCallsAndSeconds() {
        // 2.4 s of CPU in 30 s for 100 calls: 0.8 ms of CPU per call-second.
        assertThat(ProcStats.cpuMsPerCallSecond(2_400_000_000L, 100, 30_000_000_000L)).isCloseTo(0.8, within(1e-9));
        assertThat(ProcStats.cpuMsPerCallSecond(1, 0, 1)).isZero();
    }

    @Test
    void readsThisProcess() {
        long self = ProcessHandle.current().pid();

        assertThat(ProcStats.cpuNanos(self)).isPositive();
        assertThat(ProcStats.rssKb(self)).isPositive();
    }
}
