package dev.callcoach.simulator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AudioTagTest {

    @Test
    void aTagSurvivesTheTripThroughBase64() {
        AudioTag tag = new AudioTag(299, 123_456, System.nanoTime(), false);

        String payload = tag.toPayload();

        assertThat(Base64.getDecoder().decode(payload)).hasSize(AudioTag.FRAME_BYTES);
        assertThat(AudioTag.read(payload)).isEqualTo(tag);
    }

    @Test
    void aTagSurvivesInABrowsersPcmFrameRawOrInBase64() {
        AudioTag silent = new AudioTag(7, 42, System.nanoTime(), false);
        AudioTag speech = new AudioTag(8, 43, System.nanoTime(), true);

        assertThat(silent.toPcmFrame()).hasSize(AudioTag.PCM_FRAME_BYTES);
        assertThat(AudioTag.readFrame(silent.toPcmFrame())).isEqualTo(silent);
        assertThat(AudioTag.read(speech.toPcmPayload())).isEqualTo(speech);
        assertThat(Arrays.copyOfRange(speech.toPcmFrame(), 100, 200))
                .as("speech is loud after the tag").isNotEqualTo(Arrays.copyOfRange(silent.toPcmFrame(), 100, 200));
        assertThat(AudioTag.readFrame(new byte[AudioTag.PCM_FRAME_BYTES])).as("PCM silence without a tag").isNull();
        assertThat(AudioTag.readFrame(new byte[3])).isNull();
    }

    @Test
    void extremeValuesAndTheSpeechFlagRoundTrip() {
        for (AudioTag tag : new AudioTag[] {
                new AudioTag(-1, 0, Long.MIN_VALUE, true),
                new AudioTag(Integer.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE, false),
                new AudioTag(0, -5, 0, true)}) {
            assertThat(AudioTag.read(tag.toPayload())).isEqualTo(tag);
        }
    }

    @Test
    void silenceAndSpeechSoundDifferentAfterTheTag() {
        byte[] silent = Base64.getDecoder().decode(new AudioTag(1, 1, 1, false).toPayload());
        byte[] speech = Base64.getDecoder().decode(new AudioTag(1, 1, 1, true).toPayload());

        assertThat(Arrays.copyOfRange(silent, 19, 160)).containsOnly((byte) 0xFF);
        assertThat(Arrays.copyOfRange(speech, 19, 160)).containsOnly((byte) 0x00, (byte) 0x80);
    }

    @Test
    void audioWithoutATagReadsAsNone() {
        byte[] silence = new byte[AudioTag.FRAME_BYTES];
        Arrays.fill(silence, (byte) 0xFF);

        assertThat(AudioTag.read(Base64.getEncoder().encodeToString(silence))).isNull();
        assertThat(AudioTag.read(null)).isNull();
        assertThat(AudioTag.read("")).isNull();
        assertThat(AudioTag.read("short")).isNull();
        assertThat(AudioTag.read("not base64 at all, not even close!!")).isNull();
    }
}
