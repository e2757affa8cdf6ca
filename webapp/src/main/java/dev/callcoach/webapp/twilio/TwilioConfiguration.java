package dev.callcoach.webapp.twilio;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds the Twilio client from its settings and says at startup whether calls can be placed. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TwilioProperties.class)
class TwilioConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TwilioConfiguration.class);

    @Bean
    TwilioCalls twilioCalls(TwilioProperties properties) {
        if (!properties.configured()) {
            log.warn("event=twilio_not_configured reason=\"account SID and auth token or API key missing\" "
                    + "effect=\"the page says calling is not set up\"");
        } else {
            log.info("event=twilio_configured accountSid={} apiBaseUrl={} callerRegions={}", properties.accountSid(),
                    properties.simulated() ? properties.apiBaseUrl() : "twilio", properties.callerNumbers().keySet());
        }
        return new TwilioCalls(properties);
    }
}
