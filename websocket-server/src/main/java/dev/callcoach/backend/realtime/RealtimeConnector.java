package dev.callcoach.backend.realtime;

import io.smallrye.mutiny.Uni;

/** Opens Realtime sessions. One connection per call; a dropped one is replaced by connecting again. */
public interface RealtimeConnector {

    /**
     * Opens a Realtime WebSocket. Events and the close reach {@code listener} on an I/O thread, in
     * order; the returned {@code Uni} fails if the socket is not open within the connect timeout.
     */
    Uni<RealtimeLink> connect(Listener listener);

    /** An open Realtime session. */
    interface RealtimeLink {

        /** Sends one client event (JSON text); dropped silently once closed. */
        void send(String event);

        /** Closes the socket; idempotent. */
        void close();
    }

    /** Receives what the Realtime server sends. */
    interface Listener {

        /** @param receivedNanos {@link System#nanoTime()} when the frame arrived, to measure our own delay */
        void onEvent(ServerEvent event, long receivedNanos);

        /** The socket closed, whoever closed it. */
        void onClosed();
    }
}
