package dev.callcoach.simulator.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.callcoach.simulator.audio.Loudness;
import dev.callcoach.simulator.audio.Mulaw;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallerScriptTest {

    private static final long FRAME = CallerAudio.FRAME_NANOS;

    @Test
    void textFormRoundTrips() {
        CallerScript script = CallerScript.parse("answer after 300ms; silence 1s\n speak 1.5s; wait-heard 500ms; wait-reply; dtmf 12#; hangup after 2s");
        assertThat(script.outcome()).isEqualTo(new CallerScript.Answer(Duration.ofMillis(300)));
        assertThat(script.steps()).hasSize(7);
        assertThat(CallerScript.parse(script.toString()).steps()).isEqualTo(script.steps());
        assertThat(CallerScript.parse("busy").outcome()).isInstanceOf(CallerScript.Busy.class);
        assertThat(CallerScript.parse("no-answer").outcome()).isInstanceOf(CallerScript.NoAnswer.class);
        assertThat(CallerScript.parse("failed").outcome()).isInstanceOf(CallerScript.Fail.class);
        CallerScript machine = CallerScript.parse("machine machine_end_beep after 1s; silence 2s");
        assertThat(machine.outcome()).isEqualTo(new CallerScript.Answer(Duration.ofSeconds(1), "machine_end_beep"));
        assertThat(CallerScript.parse(machine.toString()).outcome()).isEqualTo(machine.outcome());
        assertThat(CallerScript.parse("machine fax").outcome()).isEqualTo(new CallerScript.Answer(Duration.ofMillis(200), "fax"));
        assertThatThrownBy(() -> CallerScript.parse("machine human")).hasMessageContaining("answeredBy");
    }

    @Test
    void badScriptsAreRejectedClearly() {
        assertThatThrownBy(() -> CallerScript.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> CallerScript.parse("speak 1s")).hasMessageContaining("starts with");
        assertThatThrownBy(() -> CallerScript.parse("answer; shout 1s")).hasMessageContaining("unknown");
        assertThatThrownBy(() -> CallerScript.parse("answer; speak 1 minute")).hasMessageContaining("duration");
        assertThatThrownBy(() -> CallerScript.parse("busy; speak 1s")).hasMessageContaining("only an answered call");
        assertThatThrownBy(() -> CallerScript.answer().thenHangUp().thenSpeak(Duration.ofSeconds(1)))
                .hasMessageContaining("hang-up");
        assertThatThrownBy(() -> CallerScript.answer().thenDtmf("12x")).hasMessageContaining("DTMF");
    }

    @Test
    void framesFollowTheScriptOnTheMediaClock() {
        CallerScript script = CallerScript.answer().thenSilence(Duration.ofMillis(40)).thenSpeak(Duration.ofMillis(50))
                .thenDtmf("7").hangUpAfter(Duration.ofMillis(20));
        CallerAudio audio = new CallerAudio(script.steps(), new Playback(false));
        List<CallerAudio.Frame> frames = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            CallerAudio.Frame frame = audio.next((i + 1) * FRAME);
            frames.add(frame);
            if (frame.hangsUp()) {
                break;
            }
        }
        // 2 silent, 3 speech (50 ms rounds up to 3 frames), 5 DTMF frames, 1 silent, hang-up
        assertThat(frames).hasSize(12);
        assertThat(loud(frames.get(1))).isFalse();
        assertThat(loud(frames.get(2))).isTrue();
        assertThat(frames.get(2).utteranceStarts()).isEqualTo(1);
        assertThat(frames.get(4).utteranceEnds()).isEqualTo(1);
        assertThat(frames.get(5).dtmfDigit()).isEqualTo("7");
        assertThat(frames.get(6).dtmfDigit()).isNull();
        assertThat(frames.getLast().hangsUp()).isTrue();
    }

    @Test
    void waitUntilHeardListensToThePlaybackModel() {
        Playback playback = new Playback(false);
        CallerAudio audio = new CallerAudio(CallerScript.answer().thenWaitUntilHeard(Duration.ofMillis(100))
                .thenSpeak(Duration.ofMillis(20)).steps(), playback);
        assertThat(loud(audio.next(FRAME))).isFalse();
        playback.enqueueAudio(FRAME, new byte[800]); // 100 ms from 20 ms on
        assertThat(loud(audio.next(2 * FRAME))).isFalse();
        assertThat(loud(audio.next(5 * FRAME))).isFalse();   // heard 80 ms
        assertThat(audio.next(6 * FRAME).utteranceStarts()).isEqualTo(1); // heard 100 ms
    }

    @Test
    void waitForReplyNeedsAudioThenQuiet() {
        Playback playback = new Playback(false);
        CallerAudio audio = new CallerAudio(CallerScript.answer().thenWaitForReply(Duration.ofMillis(40))
                .thenSpeak(Duration.ofMillis(20)).steps(), playback);
        for (int i = 1; i <= 10; i++) {
            assertThat(loud(audio.next(i * FRAME))).isFalse();
        }
        playback.enqueueAudio(10 * FRAME, new byte[160]); // plays 200..220 ms
        assertThat(loud(audio.next(12 * FRAME))).isFalse(); // quiet for 20 ms only
        assertThat(audio.next(13 * FRAME).utteranceStarts()).isEqualTo(1);
    }

    private static boolean loud(CallerAudio.Frame frame) {
        return Loudness.rmsDbfs(Mulaw.decode(frame.payload())) > -40;
    }
}
