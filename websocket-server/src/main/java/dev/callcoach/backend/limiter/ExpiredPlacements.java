package dev.callcoach.backend.limiter;

import dev.callcoach.backend.call.CallSession;
import java.util.List;

/**
 * What one expiry pass ended.
 *
 * @param released           reservations never placed: slot freed
 * @param failed             placements of unknown outcome Twilio never confirmed: slot freed, attempt kept
 * @param attemptsGivenBack  whether the released reservations' attempts were given back (by Postgres; the
 *                           in-memory fallback keeps them, see {@link InMemoryLimiter#expire})
 */
public record ExpiredPlacements(List<CallSession> released, List<CallSession> failed, boolean attemptsGivenBack) {

    public boolean isEmpty() {
        return released.isEmpty() && failed.isEmpty();
    }
}
