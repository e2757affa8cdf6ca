package dev.callcoach.simulator.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callcoach.simulator.audio.AudioEncoding;
import dev.callcoach.simulator.audio.Mulaw;
import dev.callcoach.simulator.audio.SpeechSignal;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class VoiceActivityDetectorTest {

    private static final TurnDetection DEFAULT = new TurnDetection("server_vad", 0.5, 300, 500, true, true, null);

    @Test
    void detectsAnUtteranceWithPaddingAndSilenceWindow() {
        byte[] audio = concat(silence(1000), speech(1200), silence(700));
        List<VoiceActivityDetector.Event> events = new VoiceActivityDetector(AudioEncoding.PCMU, DEFAULT).feed(audio);
        assertThat(events).containsExactly(new VoiceActivityDetector.Started(700, 1000), new VoiceActivityDetector.Stopped(2700));
    }

    @Test
    void chunkingDoesNotChangeTheResult() {
        byte[] audio = concat(silence(200), speech(400), silence(600), speech(100), silence(600));
        VoiceActivityDetector whole = new VoiceActivityDetector(AudioEncoding.PCMU, DEFAULT);
        VoiceActivityDetector pieces = new VoiceActivityDetector(AudioEncoding.PCMU, DEFAULT);
        List<VoiceActivityDetector.Event> fromPieces = new ArrayList<>();
        for (int offset = 0; offset < audio.length; offset += 77) {
            fromPieces.addAll(pieces.feed(Arrays.copyOfRange(audio, offset, Math.min(audio.length, offset + 77))));
        }
        assertThat(fromPieces).isEqualTo(whole.feed(audio)).hasSize(4);
        assertThat(fromPieces.getFirst()).isEqualTo(new VoiceActivityDetector.Started(0, 200));
    }

    @Test
    void shortPausesDoNotEndAnUtteranceAndThresholdMatters() {
        byte[] audio = concat(speech(300), silence(300), speech(300), silence(600));
        assertThat(new VoiceActivityDetector(AudioEncoding.PCMU, DEFAULT).feed(audio)).hasSize(2);
        TurnDetection deaf = new TurnDetection("server_vad", 1.0, 300, 500, true, true, null);
        byte[] quiet = Mulaw.encode(tone(800, 300)); // 100 ms at about -44 dBFS: below the default threshold (-40 dBFS)
        assertThat(new VoiceActivityDetector(AudioEncoding.PCMU, deaf).feed(quiet)).isEmpty();
        assertThat(new VoiceActivityDetector(AudioEncoding.PCMU, DEFAULT).feed(quiet)).isEmpty();
        assertThat(new VoiceActivityDetector(AudioEncoding.PCMU, DEFAULT).feed(Mulaw.encode(tone(800, 1500)))).hasSize(1);
    }

    @Test
    void decodesPcm16AndALaw() {
        short[] loud = tone(24_000, 8000);
        assertThat(new VoiceActivityDetector(AudioEncoding.PCM16_24K, DEFAULT).feed(AudioEncoding.PCM16_24K.encode(loud)))
                .containsExactly(new VoiceActivityDetector.Started(0, 0));
        assertThat(new VoiceActivityDetector(AudioEncoding.PCMA, DEFAULT).feed(AudioEncoding.PCMA.encode(tone(8000, 8000))))
                .hasSize(1);
        assertThat(new VoiceActivityDetector(AudioEncoding.PCMU, null).feed(speech(500))).isEmpty();
    }

    private static short[] tone(int samples, int amplitude) {
        short[] out = new short[samples];
        for (int i = 0; i < samples; i++) {
            out[i] = (short) (amplitude * Math.sin(2 * Math.PI * 440 * i / 8000.0));
        }
        return out;
    }

    static byte[] speech(int ms) {
        return SpeechSignal.mulaw(1, 0, ms * 8);
    }

    static byte[] silence(int ms) {
        byte[] out = new byte[ms * 8];
        Arrays.fill(out, Mulaw.SILENCE);
        return out;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
