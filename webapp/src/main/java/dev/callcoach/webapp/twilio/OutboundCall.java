package dev.callcoach.webapp.twilio;

import dev.callcoach.contracts.phone.PhoneMasking;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * A call for Twilio to place.
 *
 * @param to             the E.164 number to call
 * @param from           our E.164 caller number for that region
 * @param voiceUrl       where Twilio fetches the call's TwiML
 * @param statusCallback where Twilio reports the call's progress
 * @param ringTimeout    how long to let it ring ({@code Timeout})
 * @param timeLimit      the longest the call may last ({@code TimeLimit})
 */
public record OutboundCall(
        String to, String from, URI voiceUrl, URI statusCallback, Duration ringTimeout, Duration timeLimit) {

    public OutboundCall {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(voiceUrl, "voiceUrl");
        Objects.requireNonNull(statusCallback, "statusCallback");
        Objects.requireNonNull(ringTimeout, "ringTimeout");
        Objects.requireNonNull(timeLimit, "timeLimit");
    }

    @Override
    public String toString() {
        return "OutboundCall[to=" + PhoneMasking.mask(to) + ", from=" + PhoneMasking.mask(from)
                + ", voiceUrl=" + voiceUrl + ", ringTimeout=" + ringTimeout + ", timeLimit=" + timeLimit + "]";
    }
}
