package dev.callcoach.webapp.call.service;

import dev.callcoach.contracts.channel.PhoneLimitCheck;
import dev.callcoach.contracts.channel.PhoneLimitStatus;
import dev.callcoach.webapp.channel.ChannelClient;
import dev.callcoach.webapp.channel.ChannelException;

import java.time.Duration;

/** Asks the backend, which keeps the per-number limit, how many calls a number has left. */
public class PhoneLimitService {

    private final ChannelClient channel;

    public PhoneLimitService(ChannelClient channel) {
        this.channel = channel;
    }

    /**
     * @param e164 a number already through the phone rules
     * @throws ChannelException when the backend cannot be asked
     */
    public PhoneAllowance check(String e164) {
        PhoneLimitStatus status = channel.exchange(id -> new PhoneLimitCheck(id, e164), PhoneLimitStatus.class);
        return new PhoneAllowance(status.limit(), status.callsLeft(), status.nextAllowedAt(),
                Duration.ofMinutes(status.windowMinutes()));
    }
}
