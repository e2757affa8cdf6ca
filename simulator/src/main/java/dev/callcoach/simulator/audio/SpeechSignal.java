package dev.callcoach.simulator.audio;

/**
 * A deterministic, speech-like 8 kHz signal: a gliding voiced tone with harmonics under a syllable
 * envelope (about four syllables a second). It is loud enough for any energy-based VAD in every
 * 20 ms block, so a simulated utterance is detected from its first frame; it contains no words.
 */
public final class SpeechSignal {

    private static final int RATE = 8000;
    private static final double PEAK = 9000;

    private SpeechSignal() {
    }

    /** Sample {@code n} (0-based, 8 kHz) of utterance {@code seed}; the same seed always sounds the same. */
    public static short sample(long seed, long n) {
        double t = (double) n / RATE;
        double base = 110 + Math.floorMod(seed, 7) * 9;
        // Phase of a pitch gliding as base + 25 sin(2π·0.7·t): the integral of the instantaneous frequency.
        double phase = 2 * Math.PI * (base * t - 25 / (2 * Math.PI * 0.7) * Math.cos(2 * Math.PI * 0.7 * t));
        double voiced = Math.sin(phase) + 0.5 * Math.sin(2 * phase) + 0.3 * Math.sin(3 * phase) + 0.15 * Math.sin(5 * phase);
        double syllable = 0.55 + 0.45 * Math.abs(Math.sin(Math.PI * 4.2 * t));
        return (short) Math.round(PEAK * syllable * voiced / 1.95);
    }

    /** {@code count} μ-law bytes of utterance {@code seed}, starting at sample {@code offset}. */
    public static byte[] mulaw(long seed, long offset, int count) {
        byte[] out = new byte[count];
        for (int i = 0; i < count; i++) {
            out[i] = Mulaw.encode(sample(seed, offset + i));
        }
        return out;
    }
}
