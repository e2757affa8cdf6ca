package dev.callcoach.backend.media;

import dev.callcoach.backend.realtime.AudioFormat;

/**
 * The recorded goodbye in each format a caller's side speaks. Stored once, as μ-law 8 kHz; the 24 kHz PCM16
 * the browser plays is derived from it at startup (G.711 decoding, then linear interpolation to three times
 * the rate), so there is one recording to keep in step with its wording.
 */
final class GoodbyeClip {

    private static final int UPSAMPLE = 3;

    private final byte[] mulaw;
    private final byte[] pcm24k;

    GoodbyeClip(byte[] mulaw) {
        this.mulaw = mulaw.clone();
        this.pcm24k = toPcm24k(mulaw);
    }

    /** The clip in {@code format}; callers must not change it. */
    byte[] in(AudioFormat format) {
        return switch (format) {
            case PCMU -> mulaw;
            case PCM16_24K -> pcm24k;
        };
    }

    /** G.711 μ-law 8 kHz to PCM16 little-endian 24 kHz. */
    static byte[] toPcm24k(byte[] mulaw) {
        byte[] out = new byte[mulaw.length * UPSAMPLE * 2];
        for (int i = 0; i < mulaw.length; i++) {
            int current = decode(mulaw[i]);
            int next = i + 1 < mulaw.length ? decode(mulaw[i + 1]) : current;
            for (int step = 0; step < UPSAMPLE; step++) {
                int sample = current + (next - current) * step / UPSAMPLE;
                int at = (i * UPSAMPLE + step) * 2;
                out[at] = (byte) sample;
                out[at + 1] = (byte) (sample >> 8);
            }
        }
        return out;
    }

    /** ITU-T G.711 μ-law expansion to a 16-bit linear sample. */
    static int decode(byte encoded) {
        int u = ~encoded & 0xff;
        int magnitude = (((u & 0x0f) << 3) + 0x84) << ((u & 0x70) >> 4);
        return (u & 0x80) != 0 ? 0x84 - magnitude : magnitude - 0x84;
    }
}
