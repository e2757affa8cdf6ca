package dev.callcoach.webapp.call.ui;

import dev.callcoach.webapp.base.Durations;
import dev.callcoach.webapp.base.Regions;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When a call may be placed or started in the browser, and if not, what to do about it: the page's rules in one
 * plain class. The reasons come in the order a person would fix things.
 */
final class CallReadiness {

    private CallReadiness() {
    }

    enum Catalog { LOADING, FAILED, EMPTY, LOADED }

    enum Phone { EMPTY, INVALID, VALID }

    /**
     * What the page knows now.
     *
     * @param mode            phone or browser; the phone's facts (number, region, consent) count only for the phone
     * @param askingMicrophone whether Start was pressed and the browser is asking for the microphone
     * @param microphoneBlocked how to fix the microphone when it can't be used, or null
     * @param fieldsToFix     labels of the scenario fields with a problem, in form order
     * @param region          the entered number's region, when the number is valid
     * @param numberNextAt    when the number may be called again, null when it may now or it is unknown
     * @param networkNextAt   when this network may call again, null when it may now or it is unknown
     * @param retryNotBefore  when the service said to try again after refusing, or null
     * @param humanCheckNeeded whether a human check is on, {@code humanCheckPassed} whether it is done
     */
    record Facts(PracticeMode mode, boolean callingConfigured, boolean askingMicrophone, boolean placing, Catalog catalog, boolean scenarioChosen,
                 List<String> fieldsToFix, Phone phone, String region, boolean regionCallable,
                 boolean checkingAllowance, Instant numberNextAt, Instant networkNextAt, Instant retryNotBefore,
                 boolean consent, String microphoneBlocked, boolean humanCheckNeeded, boolean humanCheckPassed) {

        Facts {
            fieldsToFix = List.copyOf(fieldsToFix);
        }
    }

    /** Why a call can't be placed now; empty when it can. */
    static Optional<String> blockedReason(Facts facts, Instant now) {
        return Optional.ofNullable(reason(facts, now));
    }

    private static String reason(Facts f, Instant now) {
        boolean phone = f.mode() == PracticeMode.PHONE;
        if (phone && !f.callingConfigured()) {
            return "Calling isn't set up on this server yet.";
        }
        if (f.askingMicrophone()) {
            return "Allow the microphone when your browser asks.";
        }
        if (f.placing()) {
            return phone ? "Placing your call…" : "Starting your call…";
        }
        String form = formReason(f);
        if (form != null) {
            return form;
        }
        String means = phone ? phoneReason(f) : f.microphoneBlocked();
        if (means != null) {
            return means;
        }
        if (waiting(f.networkNextAt(), now)) {
            return "Your network has no calls left right now. Next call possible " + in(f.networkNextAt(), now) + ".";
        }
        if (phone && waiting(f.numberNextAt(), now)) {
            return "This number has no calls left right now. Next call possible " + in(f.numberNextAt(), now) + ".";
        }
        if (waiting(f.retryNotBefore(), now)) {
            return "You can call again " + in(f.retryNotBefore(), now) + ".";
        }
        if (phone && !f.consent()) {
            return "Tick the box to confirm this is your number.";
        }
        if (f.humanCheckNeeded() && !f.humanCheckPassed()) {
            return "Complete the human check.";
        }
        return null;
    }

    private static String formReason(Facts f) {
        return switch (f.catalog()) {
            case LOADING -> "Loading scenarios…";
            case FAILED -> "The scenarios couldn't be loaded. We keep trying.";
            case EMPTY -> "No practice scenarios are available on this server yet.";
            case LOADED -> !f.scenarioChosen() ? "Pick a scenario."
                    : f.fieldsToFix().isEmpty() ? null
                    : "Complete the scenario details: " + String.join(", ", f.fieldsToFix()) + ".";
        };
    }

    private static String phoneReason(Facts f) {
        return switch (f.phone()) {
            case EMPTY -> "Enter your phone number.";
            case INVALID -> "Check your phone number.";
            case VALID -> !f.regionCallable() ? "Calls to " + Regions.name(f.region()) + " aren't available on this server."
                    : f.checkingAllowance() ? "Checking how many calls this number has left…"
                    : null;
        };
    }

    private static boolean waiting(Instant until, Instant now) {
        return until != null && now.isBefore(until);
    }

    private static String in(Instant until, Instant now) {
        return Durations.in(Duration.between(now, until));
    }
}
