package dev.callcoach.backend.media;

import java.util.Locale;

/** A message the page sends on a browser media socket (docs/protocols.md, "Browser media socket"), or why a frame was not one. */
sealed interface BrowserFrame {

    /** Caller audio: PCM16 little-endian, mono, 24 kHz. */
    record Audio(byte[] pcm) implements BrowserFrame {
    }

    /** Echo of a mark we sent: the audio queued before it has played, or was cleared. */
    record Mark(String name) implements BrowserFrame {
    }

    /** The page has played {@code ms} of AI audio in all since the socket opened, cleared audio not counted. */
    record Played(long ms) implements BrowserFrame {
    }

    /** Not a usable message. */
    record Malformed(Problem problem, String detail) implements BrowserFrame {
    }

    /** Kinds of bad frames, one metric tag each. */
    enum Problem {
        NOT_JSON, UNKNOWN_TYPE, BAD_FIELD, OVERSIZED, BAD_AUDIO;

        String tag() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }
}
