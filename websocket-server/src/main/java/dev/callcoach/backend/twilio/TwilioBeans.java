package dev.callcoach.backend.twilio;

import dev.callcoach.backend.config.PublicUrls;
import dev.callcoach.backend.config.PublicUrlConfig;
import dev.callcoach.backend.call.CallCapacity;
import dev.callcoach.backend.call.CallEventPublisher;
import dev.callcoach.backend.call.SessionStore;
import java.time.Clock;
import dev.callcoach.backend.channel.SessionEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Builds the plain Twilio helpers from configuration; singletons, as they are final classes and records. */
@ApplicationScoped
class TwilioBeans {

    @Produces
    @Singleton
    PublicUrls publicUrls(PublicUrlConfig config) {
        return new PublicUrls(config.publicBaseUrl());
    }

    @Produces
    @Singleton
    TwilioSignatures signatures(TwilioConfig config, PublicUrls urls) {
        return new TwilioSignatures(config.authToken(), urls);
    }

    @Produces
    @Singleton
    VoiceAnswers voiceAnswers(SessionStore sessions, PublicUrls urls, TwilioConfig config, Clock clock, CallCapacity capacity) {
        return new VoiceAnswers(sessions, urls, config.answerWindow(), clock, capacity);
    }

    @Produces
    @Singleton
    AnsweringMachines answeringMachines(SessionEvents events) {
        return new AnsweringMachines(events::requestEnd);
    }

    @Produces
    @Singleton
    StatusCallbacks statusCallbacks(SessionStore sessions, CallEventPublisher events, Clock clock) {
        return new StatusCallbacks(sessions, events, clock);
    }
}
