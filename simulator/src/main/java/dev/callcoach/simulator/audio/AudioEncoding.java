package dev.callcoach.simulator.audio;

/** The three encodings the Realtime API accepts; each knows its byte rate and how to turn bytes into samples. */
public enum AudioEncoding {
    /** G.711 μ-law, 8 kHz. */
    PCMU(8000, 1),
    /** G.711 A-law, 8 kHz. */
    PCMA(8000, 1),
    /** 16-bit little-endian linear PCM, 24 kHz mono. */
    PCM16_24K(24000, 2);

    private final int sampleRate;
    private final int bytesPerSample;

    AudioEncoding(int sampleRate, int bytesPerSample) {
        this.sampleRate = sampleRate;
        this.bytesPerSample = bytesPerSample;
    }

    public int sampleRate() {
        return sampleRate;
    }

    public int bytesPerMs() {
        return sampleRate / 1000 * bytesPerSample;
    }

    /** Whole milliseconds of audio in {@code bytes} bytes. */
    public long millis(long bytes) {
        return bytes / bytesPerMs();
    }

    public short[] decode(byte[] data, int offset, int length) {
        int count = length / bytesPerSample;
        short[] out = new short[count];
        for (int i = 0; i < count; i++) {
            int at = offset + i * bytesPerSample;
            out[i] = switch (this) {
                case PCMU -> Mulaw.decode(data[at]);
                case PCMA -> Alaw.decode(data[at]);
                case PCM16_24K -> (short) ((data[at] & 0xFF) | (data[at + 1] << 8));
            };
        }
        return out;
    }

    public byte[] encode(short[] samples) {
        byte[] out = new byte[samples.length * bytesPerSample];
        for (int i = 0; i < samples.length; i++) {
            switch (this) {
                case PCMU -> out[i] = Mulaw.encode(samples[i]);
                case PCMA -> out[i] = Alaw.encode(samples[i]);
                case PCM16_24K -> {
                    out[2 * i] = (byte) samples[i];
                    out[2 * i + 1] = (byte) (samples[i] >> 8);
                }
            }
        }
        return out;
    }
}
