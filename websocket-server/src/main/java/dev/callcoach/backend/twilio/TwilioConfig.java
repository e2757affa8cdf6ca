package dev.callcoach.backend.twilio;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** What we need to trust Twilio's requests. */
@ConfigMapping(prefix = "callcoach.twilio")
public interface TwilioConfig {

    /** Auth token of the Twilio account, the key of its request signatures; from env {@code TWILIO_AUTH_TOKEN}. */
    @WithDefault("${TWILIO_AUTH_TOKEN}")
    String authToken();

    /**
     * How old a session may be when Twilio asks for its TwiML; older ones get an apology. Covers
     * queueing and up to 10 minutes of ringing.
     */
    @WithDefault("15m")
    Duration answerWindow();
}
