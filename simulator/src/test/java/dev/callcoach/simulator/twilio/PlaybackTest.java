package dev.callcoach.simulator.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PlaybackTest {

    private static final long MS = 1_000_000;
    private final Playback playback = new Playback(true);

    @Test
    void playsAtEightBytesPerMillisecondAndEchoesMarksWhenTheirAudioHasPlayed() {
        playback.enqueueAudio(0, audio(800, 1));       // 100 ms
        playback.enqueueMark(5 * MS, "a");
        playback.enqueueAudio(10 * MS, audio(1600, 2)); // queued behind: plays 100..300 ms
        playback.enqueueMark(10 * MS, "b");

        assertThat(playback.nextMarkDueNs()).hasValue(100 * MS);
        assertThat(playback.takeDueMarks(99 * MS)).isEmpty();
        assertThat(playback.takeDueMarks(100 * MS)).extracting(Playback.Echo::name).containsExactly("a");
        assertThat(playback.takeDueMarks(299 * MS)).isEmpty();
        assertThat(playback.takeDueMarks(300 * MS)).singleElement()
                .satisfies(e -> assertThat(e.dueNs()).isEqualTo(300 * MS));
        assertThat(playback.playedBytesAt(50 * MS)).isEqualTo(400);
        assertThat(playback.playedBytesAt(1000 * MS)).isEqualTo(2400);
        assertThat(playback.runs()).hasSize(1);
        assertThat(playback.idleAt(300 * MS)).isTrue();
    }

    @Test
    void markWithNothingQueuedIsDueAtOnce() {
        playback.enqueueMark(7 * MS, "now");
        assertThat(playback.takeDueMarks(7 * MS)).extracting(Playback.Echo::name).containsExactly("now");
    }

    @Test
    void clearDropsUnplayedAudioAndFlushesPendingMarks() {
        playback.enqueueAudio(0, audio(8000, 1));     // 1 s
        playback.enqueueMark(0, "end-of-1");
        playback.enqueueAudio(0, audio(8000, 2));
        playback.enqueueMark(0, "end-of-2");

        Playback.Cleared cleared = playback.clear(250 * MS);

        assertThat(cleared.droppedBytes()).isEqualTo(16_000 - 2000);
        assertThat(cleared.flushed()).extracting(Playback.Echo::name).containsExactly("end-of-1", "end-of-2");
        assertThat(cleared.flushed()).allMatch(Playback.Echo::flushed);
        assertThat(playback.nextMarkDueNs()).isEmpty();
        assertThat(playback.playedBytesAt(10_000 * MS)).isEqualTo(2000);
        assertThat(playback.heardAudioAt(10_000 * MS)).hasSize(2000).containsOnly((byte) 1);
        assertThat(playback.runs().getFirst().clearedAtNs()).isEqualTo(250 * MS);

        playback.enqueueAudio(300 * MS, audio(80, 3)); // a new run after the clear
        assertThat(playback.runs()).hasSize(2);
        assertThat(playback.runAt(305 * MS).playedBytesAt(305 * MS)).isEqualTo(40);
        assertThat(playback.runAt(200 * MS).playedBytesAt(200 * MS)).isEqualTo(1600);
    }

    @Test
    void audioArrivingWhileIdleStartsANewRun() {
        playback.enqueueAudio(0, audio(80, 1));
        playback.enqueueAudio(500 * MS, audio(80, 2));
        assertThat(playback.runs()).extracting(Playback.Run::startNs).containsExactly(0L, 500 * MS);
        assertThat(playback.runAt(250 * MS)).isNull();
        assertThat(playback.idleSinceNs()).isEqualTo(510 * MS);
    }

    private static byte[] audio(int bytes, int value) {
        byte[] a = new byte[bytes];
        Arrays.fill(a, (byte) value);
        return a;
    }
}
