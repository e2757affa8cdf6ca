package dev.callcoach.webapp.call.service;

import dev.callcoach.webapp.channel.ChannelClient;
import dev.callcoach.webapp.limit.IpLimitProperties;
import dev.callcoach.webapp.limit.IpLimiter;
import dev.callcoach.webapp.turnstile.TurnstileVerifier;
import dev.callcoach.webapp.twilio.TwilioCalls;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** Wires the page's services to the channel, Twilio and the limits. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({CallProperties.class, LookupBudgetProperties.class})
class CallServiceConfiguration {

    @Bean
    NetworkGate networkGate(IpLimiter ipLimiter, IpLimitProperties ipLimit, TurnstileVerifier turnstile, Clock clock) {
        return new NetworkGate(ipLimiter, ipLimit, turnstile, clock);
    }

    @Bean
    CallService callService(ChannelClient channel, TwilioCalls twilio, NetworkGate gate, CallProperties properties) {
        return new CallService(channel, twilio, gate, properties);
    }

    /** The same gate as phone calls: a call in the browser uses up the network's allowance as one does. */
    @Bean
    BrowserPractice browserPractice(ChannelClient channel, NetworkGate gate) {
        return new BrowserPractice(channel, gate);
    }

    @Bean
    ScenarioService scenarioService(ChannelClient channel) {
        return new ScenarioService(channel);
    }

    @Bean
    PhoneLimitService phoneLimitService(ChannelClient channel, LookupBudgetProperties lookups,
                                        IpLimitProperties ipLimit) {
        // The IP limiter's buckets, sized for lookups: same per-IP keying and the same bounded memory.
        IpLimiter budget = new IpLimiter(new IpLimitProperties(lookups.lookups(), lookups.window(),
                ipLimit.clientIpHeader(), ipLimit.maxTrackedIps()));
        return new PhoneLimitService(channel, budget);
    }
}
