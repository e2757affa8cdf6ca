package dev.callcoach.simulator.audio;

/** G.711 A-law, accepted by the Realtime API as {@code audio/pcma} / {@code g711_alaw}. */
public final class Alaw {

    private static final short[] DECODE = new short[256];

    static {
        for (int i = 0; i < 256; i++) {
            int a = i ^ 0x55;
            int exponent = (a & 0x70) >> 4;
            int mantissa = a & 0x0F;
            int magnitude = exponent == 0
                    ? (mantissa << 4) + 8
                    : ((mantissa << 4) + 0x108) << (exponent - 1);
            DECODE[i] = (short) ((a & 0x80) != 0 ? magnitude : -magnitude);
        }
    }

    private Alaw() {
    }

    private static final int[] SEGMENT_END = {0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF};

    public static byte encode(int pcm16) {
        int value = Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, pcm16)) >> 3;
        int mask;
        if (value >= 0) {
            mask = 0xD5;
        } else {
            mask = 0x55;
            value = -value - 1;
        }
        int segment = 0;
        while (segment < SEGMENT_END.length && value > SEGMENT_END[segment]) {
            segment++;
        }
        if (segment >= SEGMENT_END.length) {
            return (byte) (0x7F ^ mask);
        }
        int shift = segment < 2 ? 1 : segment;
        return (byte) (((segment << 4) | ((value >> shift) & 0x0F)) ^ mask);
    }

    public static short decode(byte alaw) {
        return DECODE[alaw & 0xFF];
    }
}
