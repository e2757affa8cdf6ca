package dev.callcoach.simulator.audio;

/** Level of a block of linear samples, the only feature the simulated voice activity detector looks at. */
public final class Loudness {

    /** What digital silence reports, so callers never see {@code -Infinity}. */
    public static final double FLOOR_DBFS = -120.0;

    private Loudness() {
    }

    /** Root-mean-square level relative to full scale, in dB (0 = a full-scale square wave). */
    public static double rmsDbfs(short[] samples) {
        if (samples.length == 0) {
            return FLOOR_DBFS;
        }
        double sum = 0;
        for (short s : samples) {
            sum += (double) s * s;
        }
        double rms = Math.sqrt(sum / samples.length) / 32768.0;
        return rms <= 0 ? FLOOR_DBFS : Math.max(FLOOR_DBFS, 20 * Math.log10(rms));
    }
}
