package dev.callcoach.webapp.call.service;

import dev.callcoach.contracts.channel.PhoneLimitCheck;
import dev.callcoach.contracts.channel.PhoneLimitStatus;
import dev.callcoach.webapp.channel.ChannelClient;
import dev.callcoach.webapp.channel.ChannelException;
import dev.callcoach.webapp.limit.IpLimiter;

import java.time.Duration;

/**
 * Asks the backend, which keeps the per-number limit, how many calls a number has left; within each
 * network's lookup budget.
 */
public class PhoneLimitService {

    private final ChannelClient channel;
    private final IpLimiter budget;

    /** @param budget the lookup budget per client IP: an {@link IpLimiter} counting lookups instead of calls */
    public PhoneLimitService(ChannelClient channel, IpLimiter budget) {
        this.channel = channel;
        this.budget = budget;
    }

    /**
     * @param e164     a number already through the phone rules
     * @param clientIp who asks, for the lookup budget
     * @throws ChannelException when the backend cannot be asked
     */
    public LimitLookup check(String e164, String clientIp) {
        IpLimiter.Decision decision = budget.tryAcquire(clientIp);
        if (!decision.allowed()) {
            return new LimitLookup.Withheld(decision.retryAfter());
        }
        PhoneLimitStatus status = channel.exchange(id -> new PhoneLimitCheck(id, e164), PhoneLimitStatus.class);
        return new LimitLookup.Known(new PhoneAllowance(status.limit(), status.callsLeft(), status.nextAllowedAt(),
                Duration.ofMinutes(status.windowMinutes())));
    }
}
