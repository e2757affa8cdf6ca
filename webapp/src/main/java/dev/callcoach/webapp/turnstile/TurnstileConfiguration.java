package dev.callcoach.webapp.turnstile;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.net.http.HttpClient;

/** Wires the Turnstile check from its settings. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TurnstileProperties.class)
class TurnstileConfiguration {

    @Bean
    TurnstileVerifier turnstileVerifier(TurnstileProperties properties) {
        return new TurnstileVerifier(properties,
                HttpClient.newBuilder().connectTimeout(properties.timeout()).build());
    }
}
