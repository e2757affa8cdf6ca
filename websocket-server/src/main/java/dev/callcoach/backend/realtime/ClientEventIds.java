package dev.callcoach.backend.realtime;

/** Numbers one call's client events; not thread-safe, like everything a call owns. */
public final class ClientEventIds {

    private long next;

    /** A fresh {@code event_id} that says what the event was for ({@link ClientEventKind#of}). */
    public String next(ClientEventKind kind) {
        return kind.prefix() + "_" + ++next;
    }
}
