package dev.callcoach.webapp.limit;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the IP limit from its settings. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IpLimitProperties.class)
class LimitConfiguration {

    @Bean
    IpLimiter ipLimiter(IpLimitProperties properties) {
        return new IpLimiter(properties);
    }

    @Bean
    ClientIpResolver clientIpResolver(IpLimitProperties properties) {
        return new ClientIpResolver(properties);
    }
}
