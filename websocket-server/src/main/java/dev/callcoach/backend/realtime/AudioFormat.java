package dev.callcoach.backend.realtime;

import java.util.Optional;

/**
 * The audio a call's Realtime session speaks both ways: whatever the caller's side carries, so nothing is
 * transcoded (docs/protocols.md, "Realtime: client events and session.update").
 */
public enum AudioFormat {

    /** G.711 μ-law, 8 kHz mono: a Twilio Media Stream. */
    PCMU(8, "audio/pcmu", "g711_ulaw"),
    /** PCM16 little-endian, 24 kHz mono: the browser's media socket. GA's {@code audio/pcm} has only this rate. */
    PCM16_24K(48, "audio/pcm", "pcm16");

    private final int bytesPerMs;
    private final String gaType;
    private final String betaName;

    AudioFormat(int bytesPerMs, String gaType, String betaName) {
        this.bytesPerMs = bytesPerMs;
        this.gaType = gaType;
        this.betaName = betaName;
    }

    /** Bytes of audio per millisecond. */
    public int bytesPerMs() {
        return bytesPerMs;
    }

    /** The GA format's {@code type}. */
    String gaType() {
        return gaType;
    }

    /** The beta API's format name. */
    String betaName() {
        return betaName;
    }

    /** The format a GA {@code type} or a beta name stands for, if it is one of ours. */
    static Optional<AudioFormat> fromWireName(String name) {
        for (AudioFormat format : values()) {
            if (format.gaType.equals(name) || format.betaName.equals(name)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
