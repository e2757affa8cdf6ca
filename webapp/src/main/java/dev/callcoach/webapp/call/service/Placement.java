package dev.callcoach.webapp.call.service;

import dev.callcoach.webapp.channel.Subscription;

import java.time.Duration;
import java.util.UUID;

/** How asking for a call turned out. */
public sealed interface Placement {

    /**
     * Twilio is calling, or may be.
     *
     * @param callSid      Twilio's id of the call, or null when Twilio's answer was lost: the call may or may
     *                     not exist, and the session's status events will tell
     * @param subscription the session's event feed to the listener given when placing; close it when done
     * @param simulated    whether the call went to the simulator rather than a real phone
     */
    record Placed(UUID sessionId, String callSid, boolean simulated, Subscription subscription) implements Placement {
    }

    /**
     * A call in the browser is reserved: the page connects its audio to {@code mediaUrl} with the token.
     *
     * @param mediaUrl     the backend's {@code ws://} or {@code wss://} URL of this call's media socket
     * @param mediaToken   single use and short-lived; a secret until used, so {@link #toString()} leaves it out
     * @param subscription the session's event feed to the listener given when starting; close it when done
     */
    record InBrowser(UUID sessionId, String mediaUrl, String mediaToken, Subscription subscription) implements Placement {

        @Override
        public String toString() {
            return "InBrowser[sessionId=" + sessionId + ", mediaUrl=" + mediaUrl + "]";
        }
    }

    /**
     * No call; the message says why, for the person at the page.
     *
     * @param retryAfter when trying again may work, {@link Duration#ZERO} when waiting won't help
     * @param limit      which limit refused it, so the page's limits panel can follow
     */
    record Refused(String message, Duration retryAfter, Limit limit) implements Placement {

        static Refused because(String message) {
            return new Refused(message, Duration.ZERO, Limit.NONE);
        }
    }

    /** The limit behind a refusal. */
    enum Limit {
        /** Not a limit: something else stood in the way. */
        NONE,
        /** The calls from the person's network (IP). */
        NETWORK,
        /** The calls to the entered number. */
        NUMBER,
        /** The service as a whole: all lines busy, or the day's calls used up. */
        SERVICE
    }
}
