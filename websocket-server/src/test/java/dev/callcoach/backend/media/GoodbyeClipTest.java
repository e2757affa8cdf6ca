package dev.callcoach.backend.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callcoach.backend.realtime.AudioFormat;
import dev.callcoach.simulator.audio.Mulaw;
import org.junit.jupiter.api.Test;

class GoodbyeClipTest {

    @Test
    void decodingAgreesWithTheSimulatorsG711() {
        for (int code = 0; code < 256; code++) {
            assertThat(GoodbyeClip.decode((byte) code)).as("code %d", code).isEqualTo((int) Mulaw.decode((byte) code));
        }
    }

    @Test
    void thePcmClipLastsAsLongAsTheMulawOneAndInterpolates() {
        byte[] mulaw = {Mulaw.encode((short) 0), Mulaw.encode((short) 3000)};
        GoodbyeClip clip = new GoodbyeClip(mulaw);

        byte[] pcm = clip.in(AudioFormat.PCM16_24K);
        assertThat(pcm.length / AudioFormat.PCM16_24K.bytesPerMs()).isEqualTo(mulaw.length / AudioFormat.PCMU.bytesPerMs());
        assertThat(pcm).hasSize(12);
        short first = sample(pcm, 0);
        short last = sample(pcm, 3);
        assertThat(sample(pcm, 1)).isBetween(first, last);
        assertThat(sample(pcm, 2)).isBetween(sample(pcm, 1), last);
        assertThat(clip.in(AudioFormat.PCMU)).isEqualTo(mulaw);
    }

    private static short sample(byte[] pcm, int index) {
        return (short) ((pcm[2 * index] & 0xff) | (pcm[2 * index + 1] << 8));
    }
}
