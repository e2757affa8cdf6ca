package dev.callcoach.backend.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callcoach.backend.realtime.AudioFormat;
import org.junit.jupiter.api.Test;

class PlaybackTest {

    /** A mark's worth of μ-law audio (8 bytes a millisecond). */
    private static final int MARK_EVERY_BYTES = Playback.MARK_EVERY_MS * 8;

    private final Playback playback = new Playback(AudioFormat.PCMU, false);

    @Test
    void playedTimeFollowsTheStreamClockFromTheFirstChunk() {
        playback.queue("item1", 8000, 1000);   // 1 s of audio sent at t=1000
        playback.queue("item1", 8000, 1010);   // another second, queued behind it
        assertThat(playback.hasUnplayed()).isTrue();
        assertThat(playback.playedMs(1000)).isZero();
        assertThat(playback.playedMs(1420)).isEqualTo(420);
        assertThat(playback.playedMs(1999)).isEqualTo(999);
    }

    @Test
    void playedTimeIsClampedToTheAudioReceived() {
        playback.queue("item1", 800, 0);   // 100 ms
        assertThat(playback.playedMs(5000)).isEqualTo(100);
        assertThat(playback.playedMs(-50)).isZero();
    }

    @Test
    void aNewItemStartsPlayingWhenTheQueuedAudioEnds() {
        playback.queue("item1", 4000, 0);   // plays 0..500
        playback.queue("item2", 4000, 100); // waits until 500
        assertThat(playback.currentItem()).isEqualTo("item2");
        assertThat(playback.playedMs(400)).isZero();
        assertThat(playback.playedMs(700)).isEqualTo(200);
    }

    @Test
    void markEchoesArePoppedInOrderAndGiveALowerBound() {
        String first = playback.queue("item1", MARK_EVERY_BYTES, 0);
        String second = playback.queue("item1", MARK_EVERY_BYTES, 0);
        assertThat(playback.markEchoed("nope", 10)).isFalse();
        assertThat(playback.markEchoed(second, 10)).isTrue();   // both chunks played (Twilio echoes in order)
        assertThat(playback.hasUnplayed()).isFalse();
        assertThat(playback.markEchoed(first, 10)).isFalse();   // already popped
        // The marks say all of both chunks was heard, even though the clock lags.
        assertThat(playback.playedMs(10)).isEqualTo(2L * Playback.MARK_EVERY_MS);
    }

    @Test
    void clearForgetsTheQueueAndTheItemAndLateEchoesAreIgnored() {
        String mark = playback.queue("item1", 8000, 0);
        playback.clear(300);
        assertThat(playback.hasUnplayed()).isFalse();
        assertThat(playback.currentItem()).isNull();
        assertThat(playback.markEchoed(mark, 310)).isFalse();
        playback.queue("item2", 800, 320);
        assertThat(playback.playedMs(370)).isEqualTo(50);
    }

    @Test
    void marksAreSparseAndTheUnmarkedTailStillCountsAsUnplayed() {
        int chunksPerMark = Playback.MARK_EVERY_MS / 20;
        assertThat(playback.queue("item1", 160, 0)).isNotNull();   // an item's first chunk: its start is confirmed
        for (int chunk = 1; chunk < chunksPerMark; chunk++) {
            assertThat(playback.queue("item1", 160, chunk * 20)).as("chunk %d", chunk).isNull();
        }
        long markedAt = chunksPerMark * 20L;
        String marked = playback.queue("item1", 160, markedAt);    // MARK_EVERY_MS since the last mark
        assertThat(marked).isNotNull();
        assertThat(playback.queue("item1", 160, markedAt + 20)).isNull();

        assertThat(playback.markEchoed(marked, markedAt + 30)).isTrue();
        assertThat(playback.hasUnplayed()).isTrue();               // the last 20 ms are not confirmed
        assertThat(playback.playedMs(markedAt + 30)).isEqualTo(markedAt + 30);   // the clock, not the marks, says what was heard
        String tail = playback.markTail();
        assertThat(playback.markTail()).isNull();                  // nothing more to mark
        assertThat(playback.markEchoed(tail, markedAt + 50)).isTrue();
        assertThat(playback.hasUnplayed()).isFalse();
        assertThat(playback.playedMs(markedAt + 50)).isEqualTo(markedAt + 40);   // all of it: the chunks sent
    }

    @Test
    void aNewItemGetsAMarkOnItsFirstChunk() {
        playback.queue("item1", 160, 0);
        assertThat(playback.queue("item1", 160, 20)).isNull();
        String second = playback.queue("item2", 160, 40);
        assertThat(second).isNotNull();
        assertThat(playback.markEchoed(second, 60)).isTrue();      // confirms item1's tail too
        assertThat(playback.hasUnplayed()).isFalse();
        assertThat(playback.playedMs(60)).isEqualTo(20);
    }

    @Test
    void afterEverythingPlayedTheNextItemStartsAtOnce() {
        String mark = playback.queue("item1", 800, 0);          // estimate: ends at 100
        playback.queue("item1", 8000, 0);                       // estimate: ends at 1100
        playback.markEchoed(mark, 90);
        assertThat(playback.queue("item1", 8, 95)).isNull();    // too little for a mark of its own
        String last = playback.markTail();                       // the audio stopped
        playback.markEchoed(last, 200);                         // Twilio says all played at 200
        playback.queue("item2", 800, 250);
        assertThat(playback.playedMs(300)).isEqualTo(50);
    }

    // ---- a browser page, which reports what it played ----

    /** 48 bytes a millisecond. */
    private final Playback page = new Playback(AudioFormat.PCM16_24K, true);

    @Test
    void onAPageTheItemHasPlayedWhatThePageReportedPlusTheTimeSince() {
        page.queue("item1", 48 * 3000, 0);          // 3 s of audio, sent at once
        assertThat(page.playedMs(500)).isZero();     // nothing reported yet: nothing counts as heard
        page.played(420, 500);
        assertThat(page.playedMs(500)).isEqualTo(420);
        assertThat(page.playedMs(560)).isEqualTo(480);
        page.played(300, 600);                       // a report out of order changes nothing
        assertThat(page.playedMs(600)).isEqualTo(520);
        assertThat(page.playedMs(9000)).isEqualTo(3000);   // never more than was sent
    }

    @Test
    void onAPageALaterItemCountsFromWhereItStartsInThePagesTotal() {
        page.queue("item1", 48 * 1000, 0);
        page.queue("item2", 48 * 2000, 1200);
        page.played(1250, 1300);                     // 1000 of item1, then 250 of item2
        assertThat(page.currentItem()).isEqualTo("item2");
        assertThat(page.playedMs(1300)).isEqualTo(250);
    }

    @Test
    void afterAClearThePagesNextReportSaysWhereNewAudioStarts() {
        page.queue("item1", 48 * 5000, 0);
        page.played(700, 700);
        page.clear(710);                             // the page dropped the rest of item1 at 710 ms
        page.queue("item2", 48 * 1000, 720);         // sent before the page's report after the clear arrived
        assertThat(page.playedMs(730)).isZero();
        page.played(710, 740);
        page.played(810, 840);
        assertThat(page.playedMs(840)).isEqualTo(100);
    }
}
