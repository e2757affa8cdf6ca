package dev.callcoach.simulator.twilio;

import dev.callcoach.simulator.audio.AudioClip;
import dev.callcoach.simulator.audio.Mulaw;
import dev.callcoach.simulator.audio.SpeechSignal;
import dev.callcoach.simulator.twilio.CallerScript.Dtmf;
import dev.callcoach.simulator.twilio.CallerScript.HangUp;
import dev.callcoach.simulator.twilio.CallerScript.Play;
import dev.callcoach.simulator.twilio.CallerScript.Silence;
import dev.callcoach.simulator.twilio.CallerScript.Speak;
import dev.callcoach.simulator.twilio.CallerScript.Step;
import dev.callcoach.simulator.twilio.CallerScript.WaitForReply;
import dev.callcoach.simulator.twilio.CallerScript.WaitUntilHeard;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongFunction;
import java.util.function.LongPredicate;

/**
 * Turns a caller script into the stream's inbound frames, one 20 ms frame at a time. Waiting steps
 * look at the playback model, so the caller reacts to what it has actually heard. Pure logic: the
 * stream passes the frame's time in.
 */
final class CallerAudio {

    static final int FRAME_BYTES = 160;
    static final long FRAME_NANOS = 20_000_000;
    private static final int DTMF_GAP_FRAMES = 5;

    /**
     * One inbound frame. {@code payload} is null when the caller hangs up instead; {@code utteranceStarts}
     * / {@code utteranceEnds} carry the 1-based utterance number on its first / last frame (else 0).
     */
    record Frame(byte[] payload, String dtmfDigit, int utteranceStarts, int utteranceEnds) {
        boolean hangsUp() {
            return payload == null;
        }
    }

    private static final byte[] SILENCE = silence();

    private final List<Step> steps;
    private final Playback playback;
    private int stepIndex;
    private long frameInStep;
    private long heardAtStepStart;
    private int utterances;

    CallerAudio(List<Step> steps, Playback playback) {
        this.steps = steps;
        this.playback = playback;
    }

    /**
     * The next frame, whose audio starts at {@code nowNs} on the stream clock: the caller decides
     * what to do at that instant from what it has heard by then.
     */
    Frame next(long nowNs) {
        while (stepIndex < steps.size()) {
            Step step = steps.get(stepIndex);
            Frame frame = switch (step) {
                case Silence s -> timed(frames(s.duration()));
                case Speak s -> voiced(frames(s.duration()), offset -> SpeechSignal.mulaw(utterances, offset, FRAME_BYTES));
                case Play p -> voiced(frames(p.clip()), offset -> clipFrame(p.clip(), offset));
                case WaitUntilHeard w -> waitUntil(nowNs, heard -> heard >= w.audio().toMillis() * 8);
                case WaitForReply w -> waitUntil(nowNs, heard -> heard > 0 && playback.idleAt(nowNs)
                        && nowNs - playback.idleSinceNs() >= w.quietFor().toNanos());
                case Dtmf d -> dtmf(d.digits());
                case HangUp h -> new Frame(null, null, 0, 0);
            };
            if (frame != null) {
                return frame;
            }
            stepIndex++;
            frameInStep = 0;
        }
        return silent();
    }

    private Frame timed(long frames) {
        return frameInStep++ < frames ? silent() : null;
    }

    private Frame voiced(long frames, LongFunction<byte[]> source) {
        if (frameInStep >= frames) {
            return null;
        }
        if (frameInStep == 0) {
            utterances++;
        }
        long index = frameInStep++;
        byte[] payload = source.apply(index * FRAME_BYTES);
        return new Frame(payload, null, index == 0 ? utterances : 0, index == frames - 1 ? utterances : 0);
    }

    /** Silent frames until {@code condition} holds for the bytes heard since the step began. */
    private Frame waitUntil(long nowNs, LongPredicate condition) {
        long heard = playback.playedBytesAt(nowNs);
        if (frameInStep++ == 0) {
            heardAtStepStart = heard;
        }
        return condition.test(heard - heardAtStepStart) ? null : silent();
    }

    private Frame dtmf(String digits) {
        long digit = frameInStep / DTMF_GAP_FRAMES;
        if (digit >= digits.length()) {
            return null;
        }
        boolean press = frameInStep++ % DTMF_GAP_FRAMES == 0;
        return new Frame(SILENCE.clone(), press ? String.valueOf(digits.charAt((int) digit)) : null, 0, 0);
    }

    private static long frames(Duration duration) {
        return (duration.toNanos() + FRAME_NANOS - 1) / FRAME_NANOS;
    }

    private static long frames(AudioClip clip) {
        return (clip.length() + FRAME_BYTES - 1) / FRAME_BYTES;
    }

    private static byte[] clipFrame(AudioClip clip, long offset) {
        byte[] frame = SILENCE.clone();
        clip.copy((int) offset, frame, 0, (int) Math.min(FRAME_BYTES, clip.length() - offset));
        return frame;
    }

    private static Frame silent() {
        return new Frame(SILENCE.clone(), null, 0, 0);
    }

    private static byte[] silence() {
        byte[] frame = new byte[FRAME_BYTES];
        Arrays.fill(frame, Mulaw.SILENCE);
        return frame;
    }
}
