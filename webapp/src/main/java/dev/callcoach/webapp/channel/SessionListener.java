package dev.callcoach.webapp.channel;

import dev.callcoach.contracts.channel.ChannelEvent;

/**
 * Follows one session. Called on the channel's thread: keep it short and hand work elsewhere.
 */
@FunctionalInterface
public interface SessionListener {

    /** An event of the session, in the order the backend sent it. */
    void onEvent(ChannelEvent event);

    /**
     * The connection to the backend dropped. Events may have been missed and the call's fate is unknown until
     * events flow again; the session is subscribed again once the connection is back. Anyone showing a call
     * to a person must say so.
     */
    default void onConnectionLost() {
        // Listeners that only record events have nothing to add.
    }
}
