package dev.callcoach.webapp.call.service;

import dev.callcoach.webapp.channel.ChannelClient;
import dev.callcoach.webapp.limit.IpLimiter;
import dev.callcoach.webapp.turnstile.TurnstileVerifier;
import dev.callcoach.webapp.twilio.TwilioCalls;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the page's services to the channel, Twilio and the limits. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CallProperties.class)
class CallServiceConfiguration {

    @Bean
    CallService callService(ChannelClient channel, TwilioCalls twilio, IpLimiter ipLimiter,
                            TurnstileVerifier turnstile, CallProperties properties) {
        return new CallService(channel, twilio, ipLimiter, turnstile, properties);
    }

    @Bean
    ScenarioService scenarioService(ChannelClient channel) {
        return new ScenarioService(channel);
    }

    @Bean
    PhoneLimitService phoneLimitService(ChannelClient channel) {
        return new PhoneLimitService(channel);
    }
}
