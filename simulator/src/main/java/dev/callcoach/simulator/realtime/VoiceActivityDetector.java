package dev.callcoach.simulator.realtime;

import dev.callcoach.simulator.audio.AudioEncoding;
import dev.callcoach.simulator.audio.Loudness;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Energy-based server VAD on 20 ms windows of decoded input audio. A window's "speech probability"
 * is its RMS level mapped linearly from -60 dBFS (0) to -20 dBFS (1), so the default threshold 0.5
 * means -40 dBFS. Speech starts on the first window at or above the threshold
 * ({@code audio_start_ms} = window start minus the prefix padding) and stops once the silence after
 * the last loud window reaches {@code silence_duration_ms} ({@code audio_end_ms} = that moment).
 * All times are milliseconds of audio appended this session, never wall time.
 */
final class VoiceActivityDetector {

    static final int WINDOW_MS = 20;

    sealed interface Event permits Started, Stopped {
    }

    record Started(long audioStartMs, long detectedAtMs) implements Event {
    }

    record Stopped(long audioEndMs) implements Event {
    }

    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private AudioEncoding encoding;
    private TurnDetection config;
    private long processedMs;
    private boolean speaking;
    private long lastVoicedEndMs;

    VoiceActivityDetector(AudioEncoding encoding, TurnDetection config) {
        this.encoding = encoding;
        this.config = config;
    }

    /** Adopts a new configuration; partial windows in the old encoding are dropped. */
    void reconfigure(AudioEncoding encoding, TurnDetection config) {
        if (encoding != this.encoding) {
            pending.reset();
        }
        this.encoding = encoding;
        this.config = config;
        if (config == null) {
            speaking = false;
        }
    }

    /** Forgets an utterance in progress (after a manual commit or clear). */
    void reset() {
        speaking = false;
    }

    boolean speaking() {
        return speaking;
    }

    /** Feeds appended audio; returns the VAD events it caused, in order. */
    List<Event> feed(byte[] audio) {
        List<Event> events = new ArrayList<>();
        if (config == null) {
            return events;
        }
        pending.writeBytes(audio);
        int windowBytes = encoding.bytesPerMs() * WINDOW_MS;
        byte[] buffered = pending.toByteArray();
        int offset = 0;
        while (buffered.length - offset >= windowBytes) {
            window(buffered, offset, windowBytes, events);
            offset += windowBytes;
        }
        pending.reset();
        pending.write(buffered, offset, buffered.length - offset);
        return events;
    }

    /** Maps a level to the probability-like score the threshold is compared with. */
    static double score(double dbfs) {
        return Math.max(0, Math.min(1, (dbfs + 60) / 40));
    }

    private void window(byte[] data, int offset, int length, List<Event> events) {
        long start = processedMs;
        long end = start + WINDOW_MS;
        processedMs = end;
        boolean voiced = score(Loudness.rmsDbfs(encoding.decode(data, offset, length))) >= config.threshold();
        if (!speaking) {
            if (voiced) {
                speaking = true;
                lastVoicedEndMs = end;
                events.add(new Started(Math.max(0, start - config.prefixPaddingMs()), start));
            }
        } else if (voiced) {
            lastVoicedEndMs = end;
        } else if (end - lastVoicedEndMs >= config.silenceDurationMs()) {
            speaking = false;
            events.add(new Stopped(end));
        }
    }
}
