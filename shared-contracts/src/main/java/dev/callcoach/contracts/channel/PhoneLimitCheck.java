package dev.callcoach.contracts.channel;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.callcoach.contracts.phone.PhoneMasking;

/**
 * {@code phone.limit.check}: how many calls may this number still get? Answered by {@link PhoneLimitStatus}.
 *
 * @param phoneNumber E.164, already through the phone rules; masked in {@link #toString()}
 */
@JsonTypeName("phone.limit.check")
public record PhoneLimitCheck(String correlationId, String phoneNumber) implements ChannelRequest {

    public PhoneLimitCheck {
        MessageChecks.correlationId(correlationId);
        MessageChecks.e164(phoneNumber, "phoneNumber");
    }

    @Override
    public String toString() {
        return "PhoneLimitCheck[correlationId=" + correlationId + ", phoneNumber=" + PhoneMasking.mask(phoneNumber) + "]";
    }
}
