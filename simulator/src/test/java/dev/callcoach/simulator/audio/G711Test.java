package dev.callcoach.simulator.audio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class G711Test {

    @Test
    void mulawKnownCodes() {
        assertThat(Mulaw.encode(0)).isEqualTo(Mulaw.SILENCE);
        assertThat(Mulaw.encode(32767) & 0xFF).isEqualTo(0x80);
        assertThat(Mulaw.encode(-32768) & 0xFF).isEqualTo(0x00);
        assertThat(Mulaw.decode((byte) 0xFF)).isZero();
        assertThat(Mulaw.decode((byte) 0x7F)).isZero();
        assertThat(Mulaw.decode((byte) 0x80)).isEqualTo((short) 32124);
    }

    @Test
    void mulawRoundTripStaysWithinOneQuantisationStep() {
        for (int pcm = -32768; pcm <= 32767; pcm += 7) {
            int back = Mulaw.decode(Mulaw.encode(pcm));
            int step = Math.max(8, Math.abs(pcm) / 16);
            assertThat(Math.abs(back - Math.max(-32124, Math.min(32124, pcm)))).as("pcm %d", pcm).isLessThanOrEqualTo(step);
        }
    }

    @Test
    void mulawEncodingIsStableOnDecodedValues() {
        for (int code = 0; code < 256; code++) {
            byte b = (byte) code;
            if (code == 0x7F) {
                continue; // negative zero decodes to 0, which encodes as positive zero 0xFF
            }
            assertThat(Mulaw.encode(Mulaw.decode(b))).as("code %02x", code).isEqualTo(b);
        }
    }

    @Test
    void alawRoundTrip() {
        assertThat(Alaw.encode(0) & 0xFF).isEqualTo(0xD5);
        for (int code = 0; code < 256; code++) {
            byte b = (byte) code;
            assertThat(Alaw.encode(Alaw.decode(b))).as("code %02x", code).isEqualTo(b);
        }
        for (int pcm = -32768; pcm <= 32767; pcm += 11) {
            int back = Alaw.decode(Alaw.encode(pcm));
            assertThat(Math.abs(back - pcm)).as("pcm %d", pcm).isLessThanOrEqualTo(Math.max(16, Math.abs(pcm) / 16));
        }
    }

    @Test
    void pcm16DecodesLittleEndian() {
        short[] samples = {0, 1, -1, 12345, Short.MIN_VALUE};
        byte[] bytes = AudioEncoding.PCM16_24K.encode(samples);
        assertThat(bytes).hasSize(10);
        assertThat(bytes[6]).isEqualTo((byte) 0x39);
        assertThat(AudioEncoding.PCM16_24K.decode(bytes, 0, bytes.length)).containsExactly(samples);
        assertThat(AudioEncoding.PCM16_24K.millis(48_000)).isEqualTo(1000);
        assertThat(AudioEncoding.PCMU.millis(8_000)).isEqualTo(1000);
    }
}
