package dev.callcoach.webapp.call.ui;

import dev.callcoach.webapp.base.Durations;
import dev.callcoach.webapp.base.Regions;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When a call may be placed, and if not, what to do about it: the page's rules in one plain class. The
 * reasons come in the order a person would fix things.
 */
final class CallReadiness {

    private CallReadiness() {
    }

    enum Catalog { LOADING, FAILED, EMPTY, LOADED }

    enum Phone { EMPTY, INVALID, VALID }

    /**
     * What the page knows now.
     *
     * @param fieldsToFix     labels of the scenario fields with a problem, in form order
     * @param region          the entered number's region, when the number is valid
     * @param numberNextAt    when the number may be called again, null when it may now or it is unknown
     * @param networkNextAt   when this network may call again, null when it may now or it is unknown
     * @param retryNotBefore  when the service said to try again after refusing, or null
     * @param humanCheckNeeded whether a human check is on, {@code humanCheckPassed} whether it is done
     */
    record Facts(boolean callingConfigured, boolean placing, Catalog catalog, boolean scenarioChosen,
                 List<String> fieldsToFix, Phone phone, String region, boolean regionCallable,
                 boolean checkingAllowance, Instant numberNextAt, Instant networkNextAt, Instant retryNotBefore,
                 boolean consent, boolean humanCheckNeeded, boolean humanCheckPassed) {

        Facts {
            fieldsToFix = List.copyOf(fieldsToFix);
        }
    }

    /** Why a call can't be placed now; empty when it can. */
    static Optional<String> blockedReason(Facts facts, Instant now) {
        return Optional.ofNullable(reason(facts, now));
    }

    private static String reason(Facts f, Instant now) {
        if (!f.callingConfigured()) {
            return "Calling isn't set up on this server yet.";
        }
        if (f.placing()) {
            return "Placing your call…";
        }
        switch (f.catalog()) {
            case LOADING -> {
                return "Loading scenarios…";
            }
            case FAILED -> {
                return "The scenarios couldn't be loaded. We keep trying.";
            }
            case EMPTY -> {
                return "No practice scenarios are available on this server yet.";
            }
            case LOADED -> {
            }
        }
        if (!f.scenarioChosen()) {
            return "Pick a scenario.";
        }
        if (!f.fieldsToFix().isEmpty()) {
            return "Complete the scenario details: " + String.join(", ", f.fieldsToFix()) + ".";
        }
        switch (f.phone()) {
            case EMPTY -> {
                return "Enter your phone number.";
            }
            case INVALID -> {
                return "Check your phone number.";
            }
            case VALID -> {
            }
        }
        if (!f.regionCallable()) {
            return "Calls to " + Regions.name(f.region()) + " aren't available on this server.";
        }
        if (f.checkingAllowance()) {
            return "Checking how many calls this number has left…";
        }
        if (waiting(f.networkNextAt(), now)) {
            return "Your network has no calls left right now. Next call possible " + in(f.networkNextAt(), now) + ".";
        }
        if (waiting(f.numberNextAt(), now)) {
            return "This number has no calls left right now. Next call possible " + in(f.numberNextAt(), now) + ".";
        }
        if (waiting(f.retryNotBefore(), now)) {
            return "You can call again " + in(f.retryNotBefore(), now) + ".";
        }
        if (!f.consent()) {
            return "Tick the box to confirm this is your number.";
        }
        if (f.humanCheckNeeded() && !f.humanCheckPassed()) {
            return "Complete the human check.";
        }
        return null;
    }

    private static boolean waiting(Instant until, Instant now) {
        return until != null && now.isBefore(until);
    }

    private static String in(Instant until, Instant now) {
        return Durations.in(Duration.between(now, until));
    }
}
