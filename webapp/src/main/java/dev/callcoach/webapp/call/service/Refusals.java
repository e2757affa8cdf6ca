package dev.callcoach.webapp.call.service;

import dev.callcoach.contracts.channel.CallRefused;
import dev.callcoach.webapp.base.Durations;

import java.time.Duration;

/**
 * The page's words for the backend's refusals. The backend sends a reason code and data; its
 * {@code message} is an explanation for logs and is never shown, so all wording lives in the webapp.
 */
final class Refusals {

    private Refusals() {
    }

    static Placement.Refused of(CallRefused refused) {
        Duration retryAfter = Duration.ofSeconds(refused.retryAfterSeconds());
        String when = retryAfter.isZero() ? "" : " Next call possible " + Durations.in(retryAfter) + ".";
        return switch (refused.reason()) {
            case PHONE_LIMIT -> new Placement.Refused("This number has no calls left right now." + when, retryAfter,
                    Placement.Limit.NUMBER);
            case CONCURRENCY_CAP -> new Placement.Refused("All lines are busy right now. Please try again in a moment.",
                    retryAfter, Placement.Limit.SERVICE);
            case DAILY_CAP -> new Placement.Refused("Today's practice calls are used up." + when, retryAfter,
                    Placement.Limit.SERVICE);
            case INVALID_NUMBER -> Placement.Refused.because("That number can't be called. Please check it.");
            case UNKNOWN_SCENARIO -> Placement.Refused.because(
                    "That scenario is no longer offered. Please reload the page and pick another.");
            case INVALID_CONFIG -> Placement.Refused.because(
                    "The call service didn't accept the scenario details. Please check the form.");
            case BUSY -> new Placement.Refused("The call service is very busy. Please try again in a moment.",
                    retryAfter, Placement.Limit.SERVICE);
            case CALLING_PAUSED -> new Placement.Refused(
                    "Calling is paused for a while: our AI service is out of capacity." + when, retryAfter,
                    Placement.Limit.SERVICE);
            case UNAVAILABLE -> new Placement.Refused(
                    "Calling is paused on this server right now. Please try again later.", retryAfter,
                    Placement.Limit.SERVICE);
        };
    }
}
