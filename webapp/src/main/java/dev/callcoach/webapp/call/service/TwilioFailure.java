package dev.callcoach.webapp.call.service;

import java.util.Set;

/**
 * Why Twilio would not place a call, told apart by its error code, with what the caller is told. The codes
 * come from Twilio's error dictionary; anything unknown is treated as passing trouble.
 *
 * @see <a href="https://www.twilio.com/docs/api/errors">Twilio error codes</a>
 */
enum TwilioFailure {

    /** 21211 invalid To, 21214 To cannot be reached, 21217 not a valid phone number. */
    INVALID_NUMBER(Set.of(21211, 21214, 21217),
            "That number can't be called. Please check it and try again."),
    /** 21215/21216 geo permissions, 13227 no international permission. */
    DESTINATION_BLOCKED(Set.of(21215, 21216, 13227),
            "Calls to that destination are blocked by this service's calling permissions."),
    /** 20003 authentication, 20404 account or resource not found, 21212 invalid caller number. */
    CONFIGURATION(Set.of(20003, 20404, 21212),
            "Calling is not set up correctly on our side. We've logged it; please try again later."),
    /** No answer from Twilio at all. */
    UNREACHABLE(Set.of(),
            "We couldn't reach the phone service. Please try again in a moment."),
    OTHER(Set.of(),
            "The call couldn't be placed. Please try again in a moment.");

    private final Set<Integer> codes;
    private final String userMessage;

    TwilioFailure(Set<Integer> codes, String userMessage) {
        this.codes = codes;
        this.userMessage = userMessage;
    }

    /** The failure a Twilio error code stands for; null means Twilio was not reached. */
    static TwilioFailure of(Integer code) {
        if (code == null) {
            return UNREACHABLE;
        }
        for (TwilioFailure failure : values()) {
            if (failure.codes.contains(code)) {
                return failure;
            }
        }
        return OTHER;
    }

    /** What the person at the page is told. */
    String userMessage() {
        return userMessage;
    }
}
