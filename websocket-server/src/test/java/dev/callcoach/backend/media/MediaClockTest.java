package dev.callcoach.backend.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MediaClockTest {

    private static final long MS = 1_000_000;
    private final MediaClock clock = new MediaClock();

    @Test
    void readsZeroBeforeTheFirstFrame() {
        assertThat(clock.nowMs(123 * MS)).isZero();
    }

    @Test
    void runsOnBetweenFrames() {
        clock.onMedia(1000, 5000 * MS);
        assertThat(clock.nowMs(5000 * MS)).isEqualTo(1000);
        assertThat(clock.nowMs(5013 * MS)).isEqualTo(1013);
    }

    @Test
    void lateFramesDoNotPullItBack() {
        clock.onMedia(1000, 5000 * MS);
        clock.onMedia(1020, 5045 * MS);   // arrived 25 ms late
        clock.onMedia(1040, 5046 * MS);   // burst behind it
        assertThat(clock.nowMs(5050 * MS)).isEqualTo(1050);
        clock.onMedia(1060, 5058 * MS);   // earlier than ever relative to its timestamp: the clock moves up
        assertThat(clock.nowMs(5060 * MS)).isEqualTo(1062);
    }
}
