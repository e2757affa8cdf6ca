package dev.callcoach.contracts.channel;

import dev.callcoach.contracts.internal.Require;

/**
 * Something concrete to try on the next call.
 *
 * @param suggestion what to do differently
 * @param example    a phrasing the caller could use
 */
public record NextStep(String suggestion, String example) {

    public NextStep {
        Require.text(suggestion, "suggestion", MessageChecks.MAX_MESSAGE);
        Require.text(example, "example", MessageChecks.MAX_MESSAGE);
    }
}
