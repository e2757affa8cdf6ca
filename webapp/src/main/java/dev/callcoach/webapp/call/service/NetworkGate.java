package dev.callcoach.webapp.call.service;

import dev.callcoach.webapp.base.Durations;
import dev.callcoach.webapp.limit.IpLimitProperties;
import dev.callcoach.webapp.limit.IpLimiter;
import dev.callcoach.webapp.turnstile.TurnstileVerifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Optional;

/**
 * What every placement passes before the backend is asked, whether it phones someone or starts a call in the
 * browser: the human check, then one placement from the network's allowance. One gate for both, so a call in
 * the browser counts exactly as a phone call does, and the page's countdown knows about both.
 */
public final class NetworkGate {

    private static final Logger log = LoggerFactory.getLogger(NetworkGate.class);

    private final IpLimiter ipLimiter;
    private final IpLimitProperties ipLimit;
    private final TurnstileVerifier turnstile;
    private final NetworkCooldowns cooldowns;

    public NetworkGate(IpLimiter ipLimiter, IpLimitProperties ipLimit, TurnstileVerifier turnstile, Clock clock) {
        this.ipLimiter = ipLimiter;
        this.ipLimit = ipLimit;
        this.turnstile = turnstile;
        this.cooldowns = new NetworkCooldowns(ipLimit.maxTrackedIps(), clock);
    }

    /** The network's limit, and when it may call again if the limit refused it lately. */
    public NetworkAllowance allowance(String clientIp) {
        return new NetworkAllowance(ipLimit.placements(), ipLimit.window(), cooldowns.nextAt(clientIp));
    }

    /**
     * Takes one placement from the network's allowance once the human check passed.
     *
     * @return the refusal, or empty when the placement may go ahead
     */
    Optional<Placement.Refused> admit(String humanToken, String clientIp) {
        // Before the IP limit: a bot without a passing check must not use up its network's calls.
        if (!turnstile.verify(humanToken, clientIp)) {
            return Optional.of(Placement.Refused.because("The human check didn't pass. Please complete it again."));
        }
        IpLimiter.Decision decision = ipLimiter.tryAcquire(clientIp);
        if (decision.busy()) {
            log.info("event=call_refused reason=ip_limit_busy");
            return Optional.of(new Placement.Refused("The service is very busy right now. Please try again "
                    + Durations.in(decision.retryAfter()) + ".", decision.retryAfter(), Placement.Limit.SERVICE));
        }
        if (!decision.allowed()) {
            log.info("event=call_refused reason=ip_limit retryAfterS={}", decision.retryAfter().toSeconds());
            cooldowns.refused(clientIp, decision.retryAfter());
            return Optional.of(new Placement.Refused("Too many calls from your network for now. Next call possible "
                    + Durations.in(decision.retryAfter()) + ".", decision.retryAfter(), Placement.Limit.NETWORK));
        }
        return Optional.empty();
    }
}
