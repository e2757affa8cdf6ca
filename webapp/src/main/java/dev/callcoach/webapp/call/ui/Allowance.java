package dev.callcoach.webapp.call.ui;

import dev.callcoach.webapp.base.Durations;
import dev.callcoach.webapp.call.service.PhoneAllowance;

import java.time.Duration;
import java.time.Instant;

/**
 * What the page knows about the entered number's remaining calls. Answers arrive asynchronously; one for a
 * number that is no longer entered is dropped.
 */
final class Allowance {

    private String number;
    private PhoneAllowance known;
    private boolean loading;

    void loading(String e164) {
        if (!e164.equals(number)) {
            known = null;
        }
        number = e164;
        loading = true;
    }

    /** Records the answer; false when it is about a number no longer entered. */
    boolean answer(String e164, PhoneAllowance answer) {
        if (!e164.equals(number)) {
            return false;
        }
        known = answer;
        loading = false;
        return true;
    }

    /** Records that no answer came; false when it is about a number no longer entered. */
    boolean failed(String e164) {
        if (!e164.equals(number)) {
            return false;
        }
        known = null;
        loading = false;
        return true;
    }

    void forget() {
        number = null;
        known = null;
        loading = false;
    }

    boolean isLoading() {
        return loading;
    }

    /** The last answer for the entered number, or null. */
    PhoneAllowance known() {
        return known;
    }

    /** Whether a countdown to the next allowed call is running. */
    boolean counting(Instant now) {
        return known != null && !known.allowsCall(now);
    }

    static String describe(PhoneAllowance allowance, Instant now) {
        if (allowance.callsLeft() > 0) {
            return allowance.callsLeft() + " of " + allowance.limit() + " calls left for this number (the limit is "
                    + allowance.limit() + " per " + window(allowance.window()) + ").";
        }
        if (!allowance.allowsCall(now)) {
            return "No calls left for this number right now. Next call possible in "
                    + countdown(allowance.nextAllowedAt(), now) + ".";
        }
        return "A call should be possible again; checking…";
    }

    /** Time left until {@code until}, as a clock ("12:34"). */
    static String countdown(Instant until, Instant now) {
        return Durations.countdown(Duration.between(now, until));
    }

    private static String window(Duration window) {
        return window.equals(Duration.ofHours(1)) ? "hour" : Durations.humanize(window);
    }
}
