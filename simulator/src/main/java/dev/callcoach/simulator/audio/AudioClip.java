package dev.callcoach.simulator.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * A recording a simulated caller can play into the call, held as 8 kHz μ-law. Loads WAV files
 * (16-bit PCM at a multiple of 8 kHz, mono or stereo, or 8 kHz μ-law) and raw μ-law files
 * ({@code .ulaw}, {@code .mulaw}, {@code .pcmu}, {@code .raw}).
 */
public final class AudioClip {

    private static final int WAVE_PCM = 1;
    private static final int WAVE_MULAW = 7;

    private final byte[] mulaw;

    private AudioClip(byte[] mulaw) {
        this.mulaw = mulaw.clone();
    }

    public static AudioClip load(Path file) throws IOException {
        byte[] data = Files.readAllBytes(file);
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".wav")) {
            return fromWav(data);
        }
        if (name.endsWith(".ulaw") || name.endsWith(".mulaw") || name.endsWith(".pcmu") || name.endsWith(".raw")) {
            return new AudioClip(data);
        }
        throw new IllegalArgumentException("unsupported audio file type (want .wav, .ulaw, .mulaw, .pcmu or .raw): " + name);
    }

    public static AudioClip fromWav(byte[] wav) {
        ByteBuffer in = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        if (wav.length < 12 || in.getInt(0) != 0x46464952 || in.getInt(8) != 0x45564157) {
            throw new IllegalArgumentException("not a RIFF/WAVE file");
        }
        int format = -1;
        int channels = 0;
        int rate = 0;
        int bits = 0;
        int position = 12;
        while (position + 8 <= wav.length) {
            int id = in.getInt(position);
            int size = in.getInt(position + 4);
            int body = position + 8;
            if (size < 0 || body + size > wav.length) {
                throw new IllegalArgumentException("truncated WAV chunk at byte " + position);
            }
            if (id == 0x20746d66) { // "fmt "
                format = in.getShort(body) & 0xFFFF;
                channels = in.getShort(body + 2);
                rate = in.getInt(body + 4);
                bits = in.getShort(body + 14);
            } else if (id == 0x61746164) { // "data"
                if (format < 0) {
                    throw new IllegalArgumentException("WAV data chunk before fmt chunk");
                }
                return convert(Arrays.copyOfRange(wav, body, body + size), format, channels, rate, bits);
            }
            position = body + size + (size & 1);
        }
        throw new IllegalArgumentException("WAV file has no data chunk");
    }

    public long durationMs() {
        return Mulaw.millis(mulaw.length);
    }

    public byte[] mulaw() {
        return mulaw.clone();
    }

    /** Length in bytes (= samples). */
    public int length() {
        return mulaw.length;
    }

    /** Copies {@code length} bytes starting at {@code offset} into {@code target}, without cloning the clip. */
    public void copy(int offset, byte[] target, int targetOffset, int length) {
        System.arraycopy(mulaw, offset, target, targetOffset, length);
    }

    private static AudioClip convert(byte[] data, int format, int channels, int rate, int bits) {
        if (format == WAVE_MULAW && channels == 1 && rate == 8000) {
            return new AudioClip(data);
        }
        if (format != WAVE_PCM || bits != 16 || channels < 1 || channels > 2 || rate % 8000 != 0) {
            throw new IllegalArgumentException("unsupported WAV format " + format + ", " + bits + " bits, "
                    + channels + " channels, " + rate + " Hz (want 16-bit PCM at a multiple of 8 kHz, or 8 kHz μ-law)");
        }
        ByteBuffer pcm = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int frameBytes = 2 * channels;
        int factor = rate / 8000;
        int frames = data.length / frameBytes;
        byte[] out = new byte[frames / factor];
        for (int i = 0; i < out.length; i++) {
            // Averaging each group of input frames is a crude low-pass; good enough for test prompts.
            long sum = 0;
            for (int f = 0; f < factor; f++) {
                for (int c = 0; c < channels; c++) {
                    sum += pcm.getShort(((i * factor + f) * channels + c) * 2);
                }
            }
            out[i] = Mulaw.encode((int) (sum / ((long) factor * channels)));
        }
        return new AudioClip(out);
    }
}
