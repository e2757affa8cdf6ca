package dev.callcoach.webapp.call.service;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How many "calls left for this number" lookups one client IP may make. Each answer says whether, and when,
 * a number was called: unrationed, that would undo the hashing of the numbers.
 *
 * @param lookups lookups allowed per window
 * @param window  the window, starting at an IP's first lookup; the budget comes back whole when it ends
 */
@ConfigurationProperties("callcoach.limit-lookups")
public record LookupBudgetProperties(
        @DefaultValue("30") int lookups,
        @DefaultValue("15m") Duration window) {

    public LookupBudgetProperties {
        if (lookups < 1) {
            throw new IllegalArgumentException("callcoach.limit-lookups.lookups must be at least 1, is " + lookups);
        }
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("callcoach.limit-lookups.window must be positive, is " + window);
        }
    }
}
