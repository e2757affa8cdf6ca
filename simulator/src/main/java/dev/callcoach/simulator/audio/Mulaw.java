package dev.callcoach.simulator.audio;

/** G.711 μ-law, the only encoding a Twilio Media Stream carries (8 kHz, 8 bits, 1 ms = 8 bytes). */
public final class Mulaw {

    /** The byte a silent sample (0) encodes to. */
    public static final byte SILENCE = (byte) 0xFF;

    private static final int BIAS = 0x84;
    private static final int CLIP = 32635;
    private static final short[] DECODE = new short[256];

    static {
        for (int i = 0; i < 256; i++) {
            int u = ~i & 0xFF;
            int sign = u & 0x80;
            int exponent = (u >> 4) & 0x07;
            int mantissa = u & 0x0F;
            int magnitude = (((mantissa << 3) + BIAS) << exponent) - BIAS;
            DECODE[i] = (short) (sign != 0 ? -magnitude : magnitude);
        }
    }

    private Mulaw() {
    }

    public static byte encode(int pcm16) {
        int sample = Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, pcm16));
        int sign = sample < 0 ? 0x80 : 0;
        if (sign != 0) {
            sample = -sample;
        }
        sample = Math.min(sample, CLIP) + BIAS;
        int exponent = 7;
        for (int mask = 0x4000; (sample & mask) == 0 && exponent > 0; mask >>= 1) {
            exponent--;
        }
        int mantissa = (sample >> (exponent + 3)) & 0x0F;
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }

    public static short decode(byte mulaw) {
        return DECODE[mulaw & 0xFF];
    }

    public static byte[] encode(short[] pcm) {
        byte[] out = new byte[pcm.length];
        for (int i = 0; i < pcm.length; i++) {
            out[i] = encode(pcm[i]);
        }
        return out;
    }

    public static short[] decode(byte[] mulaw) {
        short[] out = new short[mulaw.length];
        for (int i = 0; i < mulaw.length; i++) {
            out[i] = DECODE[mulaw[i] & 0xFF];
        }
        return out;
    }

    /** Milliseconds of audio in {@code bytes} μ-law bytes (8 bytes per ms). */
    public static long millis(long bytes) {
        return bytes / 8;
    }
}
