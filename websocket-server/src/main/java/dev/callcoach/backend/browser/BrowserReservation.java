package dev.callcoach.backend.browser;

import dev.callcoach.backend.limiter.Refusal;
import java.time.Instant;
import java.util.UUID;

/** The answer to a browser session's reservation. */
public sealed interface BrowserReservation {

    /**
     * @param mediaToken the plain single-use token, for the page only; never logged or stored
     */
    record Granted(UUID sessionId, String mediaUrl, String mediaToken, Instant tokenExpiresAt)
            implements BrowserReservation {

        @Override
        public String toString() {
            return "Granted[sessionId=" + sessionId + ", mediaUrl=" + mediaUrl + ", mediaToken=•••, tokenExpiresAt="
                    + tokenExpiresAt + "]";
        }
    }

    record Refused(Refusal refusal) implements BrowserReservation {
    }
}
