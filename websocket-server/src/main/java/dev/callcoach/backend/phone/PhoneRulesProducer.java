package dev.callcoach.backend.phone;

import dev.callcoach.contracts.phone.PhoneRules;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The shared phone rules with the configured regions; an unknown region stops startup. */
public class PhoneRulesProducer {

    @Produces
    @Singleton
    PhoneRules phoneRules(PhoneConfig config) {
        return new PhoneRules(config.allowedRegions());
    }
}
