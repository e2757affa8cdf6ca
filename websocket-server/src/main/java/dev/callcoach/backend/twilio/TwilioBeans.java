package dev.callcoach.backend.twilio;

import dev.callcoach.backend.config.PublicUrlConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Builds the plain Twilio helpers from configuration. */
@ApplicationScoped
class TwilioBeans {

    @Produces
    @ApplicationScoped
    PublicUrls publicUrls(PublicUrlConfig config) {
        return new PublicUrls(config.publicBaseUrl());
    }

    @Produces
    @ApplicationScoped
    TwilioSignatures signatures(TwilioConfig config, PublicUrls urls) {
        return new TwilioSignatures(config.authToken(), urls);
    }
}
