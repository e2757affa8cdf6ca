package dev.callcoach.webapp.call.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Networks the IP limit refused lately, and until when: what lets a freshly opened page show the network's
 * limit before anyone clicks. The IP limiter stays the judge; this only remembers its last "no".
 */
final class NetworkCooldowns {

    private final Map<String, Instant> until = new ConcurrentHashMap<>();
    private final int capacity;
    private final Clock clock;

    NetworkCooldowns(int capacity, Clock clock) {
        this.capacity = capacity;
        this.clock = clock;
    }

    void refused(String clientIp, Duration retryAfter) {
        Instant now = clock.instant();
        if (until.size() >= capacity) {
            until.values().removeIf(end -> !end.isAfter(now));
        }
        // Full of live entries (a flood of addresses): the page just won't know ahead; the limiter still holds.
        if (until.size() < capacity) {
            until.put(clientIp, now.plus(retryAfter));
        }
    }

    /** When the network may call again, or null when it was not refused or may call already. */
    Instant nextAt(String clientIp) {
        Instant end = until.get(clientIp);
        if (end != null && !end.isAfter(clock.instant())) {
            until.remove(clientIp, end);
            return null;
        }
        return end;
    }
}
