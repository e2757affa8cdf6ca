package dev.callcoach.simulator.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignalsTest {

    @Test
    void everyFrameOfSpeechIsLoudAndSilenceIsSilent() {
        for (int frame = 0; frame < 250; frame++) {
            byte[] mulaw = SpeechSignal.mulaw(3, frame * 160L, 160);
            assertThat(Loudness.rmsDbfs(Mulaw.decode(mulaw))).as("frame %d", frame).isBetween(-30.0, -6.0);
        }
        byte[] silence = new byte[160];
        Arrays.fill(silence, Mulaw.SILENCE);
        assertThat(Loudness.rmsDbfs(Mulaw.decode(silence))).isEqualTo(Loudness.FLOOR_DBFS);
    }

    @Test
    void speechIsDeterministicPerSeed() {
        assertThat(SpeechSignal.mulaw(1, 800, 320)).isEqualTo(SpeechSignal.mulaw(1, 800, 320));
        assertThat(SpeechSignal.mulaw(1, 800, 320)).isNotEqualTo(SpeechSignal.mulaw(2, 800, 320));
    }

    @Test
    void sessionPatternSurvivesCuttingAndRechunking() {
        byte[] a = SessionPattern.audio(AudioEncoding.PCMU, 7, 0, 3_000);
        byte[] b = SessionPattern.audio(AudioEncoding.PCMU, 4242, 1_237, 2_001);
        ByteArrayOutputStream heard = new ByteArrayOutputStream();
        heard.write(a, 13, 1_500);
        heard.write(b, 0, 2_001);
        assertThat(SessionPattern.sessionsIn(heard.toByteArray())).containsOnlyKeys(7, 4242);
        assertThat(SessionPattern.contains(a, 7)).isTrue();
        assertThat(SessionPattern.contains(a, 8)).isFalse();
        assertThat(SessionPattern.sessionsIn(SpeechSignal.mulaw(1, 0, 8_000))).isEmpty();
    }

    @Test
    void sessionPatternIsContinuousAcrossOffsets() {
        byte[] whole = SessionPattern.audio(AudioEncoding.PCMU, 3, 0, 1_000);
        byte[] tail = SessionPattern.audio(AudioEncoding.PCMU, 3, 400, 600);
        assertThat(Arrays.copyOfRange(whole, 400, 1_000)).isEqualTo(tail);
        assertThat(SessionPattern.audio(AudioEncoding.PCM16_24K, 3, 0, 4_800)).hasSize(4_800);
    }

    @Test
    void wavAtSixteenKilohertzIsDownsampledToMulaw(@TempDir Path dir) throws Exception {
        short[] pcm = new short[16_000];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / 16_000.0));
        }
        Path file = dir.resolve("prompt.wav");
        Files.write(file, wav(1, 16_000, 16, pcm));
        AudioClip clip = AudioClip.load(file);
        assertThat(clip.durationMs()).isEqualTo(1000);
        assertThat(Loudness.rmsDbfs(Mulaw.decode(clip.mulaw()))).isBetween(-16.0, -10.0);
    }

    @Test
    void rawAndBadFiles(@TempDir Path dir) throws Exception {
        Path raw = dir.resolve("x.ulaw");
        Files.write(raw, new byte[800]);
        assertThat(AudioClip.load(raw).durationMs()).isEqualTo(100);
        Path text = dir.resolve("x.txt");
        Files.writeString(text, "nope");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AudioClip.load(text)).hasMessageContaining("unsupported");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AudioClip.fromWav(new byte[20])).hasMessageContaining("RIFF");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AudioClip.fromWav(wav(1, 11_025, 16, new short[10])))
                .hasMessageContaining("11025 Hz");
    }

    private static byte[] wav(int format, int rate, int bits, short[] samples) {
        int dataBytes = samples.length * 2;
        ByteBuffer out = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(0x46464952).putInt(36 + dataBytes).putInt(0x45564157);
        out.putInt(0x20746d66).putInt(16).putShort((short) format).putShort((short) 1).putInt(rate)
                .putInt(rate * 2).putShort((short) 2).putShort((short) bits);
        out.putInt(0x61746164).putInt(dataBytes);
        for (short s : samples) {
            out.putShort(s);
        }
        return out.array();
    }
}
