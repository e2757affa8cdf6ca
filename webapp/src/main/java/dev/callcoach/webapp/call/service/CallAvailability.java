package dev.callcoach.webapp.call.service;

import java.util.Locale;
import java.util.Set;

/**
 * Whether this server can place calls at all, known at startup so the page can say so up front.
 *
 * @param configured whether Twilio credentials are set
 * @param simulated  whether calls go to the simulator instead of real phones
 * @param regions    upper-case region codes that have a caller number
 */
public record CallAvailability(boolean configured, boolean simulated, Set<String> regions) {

    public CallAvailability {
        regions = Set.copyOf(regions);
    }

    /** Whether numbers of this region (ISO code, any case) can be called. */
    public boolean canCall(String region) {
        return configured && regions.contains(region.toUpperCase(Locale.ROOT));
    }
}
