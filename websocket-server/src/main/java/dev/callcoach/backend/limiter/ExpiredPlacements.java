package dev.callcoach.backend.limiter;

import dev.callcoach.backend.call.CallSession;
import java.util.List;

/**
 * What one expiry pass ended.
 *
 * @param released reservations never placed: slot freed, attempt given back
 * @param failed   placements of unknown outcome Twilio never confirmed: slot freed, attempt kept
 */
public record ExpiredPlacements(List<CallSession> released, List<CallSession> failed) {

    public static final ExpiredPlacements NONE = new ExpiredPlacements(List.of(), List.of());

    public boolean isEmpty() {
        return released.isEmpty() && failed.isEmpty();
    }
}
