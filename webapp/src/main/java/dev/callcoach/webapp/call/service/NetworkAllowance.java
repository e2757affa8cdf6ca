package dev.callcoach.webapp.call.service;

import java.time.Duration;
import java.time.Instant;

/**
 * What the page can say about the calls from the person's network before they click.
 *
 * @param placements calls allowed per window from one network
 * @param window     the window
 * @param nextAt     when the next call is possible, or null when none was refused lately
 */
public record NetworkAllowance(int placements, Duration window, Instant nextAt) {

    /** Whether a call from this network may go ahead now, as far as is known. */
    public boolean allowsCall(Instant now) {
        return nextAt == null || !now.isBefore(nextAt);
    }
}
