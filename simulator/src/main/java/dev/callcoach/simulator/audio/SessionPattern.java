package dev.callcoach.simulator.audio;

import java.util.Map;
import java.util.TreeMap;

/**
 * The audio a simulated Realtime session speaks, built so a test can tell from what a caller heard
 * which session it came from. In μ-law every 20 ms block starts with a six-byte marker (two sync
 * bytes {@code 0x80 0x80}, then the session index as four nibble bytes {@code 0x00..0x0F}) followed
 * by a tone of {@code 400 + 50 * (index % 8)} Hz. The tone is quiet enough that μ-law never uses its
 * loudest segment, whose codes are exactly the marker bytes, so markers are found wherever the
 * audio was cut and however it was re-chunked. Other encodings carry the tone only.
 */
public final class SessionPattern {

    /** One block: 20 ms of μ-law. */
    public static final int BLOCK_BYTES = 160;

    private static final int SYNC = 0x80;
    private static final int MARKER_BYTES = 6;
    private static final double TONE_AMPLITUDE = 6000;

    private SessionPattern() {
    }

    /** Bytes {@code [offset, offset + length)} of session {@code index}'s endless pattern in {@code encoding}. */
    public static byte[] audio(AudioEncoding encoding, int index, long offset, int length) {
        if (encoding == AudioEncoding.PCMU) {
            byte[] block = mulawBlock(index);
            byte[] out = new byte[length];
            for (int i = 0; i < length; i++) {
                out[i] = block[(int) ((offset + i) % BLOCK_BYTES)];
            }
            return out;
        }
        int bytesPerSample = encoding.bytesPerMs() * 1000 / encoding.sampleRate();
        short[] samples = new short[length / bytesPerSample];
        long first = offset / bytesPerSample;
        for (int i = 0; i < samples.length; i++) {
            samples[i] = tone(index, first + i, encoding.sampleRate());
        }
        return encoding.encode(samples);
    }

    /** How many marker blocks of each session index occur in {@code mulaw} (sorted by index). */
    public static Map<Integer, Integer> sessionsIn(byte[] mulaw) {
        Map<Integer, Integer> counts = new TreeMap<>();
        for (int i = 0; i + MARKER_BYTES <= mulaw.length; i++) {
            if ((mulaw[i] & 0xFF) != SYNC || (mulaw[i + 1] & 0xFF) != SYNC) {
                continue;
            }
            int id = 0;
            boolean valid = true;
            for (int k = 2; k < MARKER_BYTES; k++) {
                int nibble = mulaw[i + k] & 0xFF;
                valid &= nibble <= 0x0F;
                id = (id << 4) | (nibble & 0x0F);
            }
            if (valid) {
                counts.merge(id, 1, Integer::sum);
                i += MARKER_BYTES - 1;
            }
        }
        return counts;
    }

    /** Whether {@code mulaw} holds at least one marker of session {@code index} (indexes wrap at 65536). */
    public static boolean contains(byte[] mulaw, int index) {
        return sessionsIn(mulaw).containsKey(index & 0xFFFF);
    }

    private static byte[] mulawBlock(int index) {
        byte[] block = new byte[BLOCK_BYTES];
        block[0] = (byte) SYNC;
        block[1] = (byte) SYNC;
        int id = index & 0xFFFF;
        for (int k = 0; k < 4; k++) {
            block[2 + k] = (byte) ((id >> (12 - 4 * k)) & 0x0F);
        }
        for (int i = MARKER_BYTES; i < BLOCK_BYTES; i++) {
            block[i] = Mulaw.encode(tone(index, i, 8000));
        }
        return block;
    }

    private static short tone(int index, long n, int rate) {
        double frequency = 400 + 50 * Math.floorMod(index, 8);
        return (short) Math.round(TONE_AMPLITUDE * Math.sin(2 * Math.PI * frequency * n / rate));
    }
}
