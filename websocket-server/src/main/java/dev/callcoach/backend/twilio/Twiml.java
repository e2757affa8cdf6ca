package dev.callcoach.backend.twilio;

import com.twilio.twiml.TwiMLException;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Connect;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Parameter;
import com.twilio.twiml.voice.Say;
import com.twilio.twiml.voice.Stream;
import java.util.UUID;

/** The two TwiML documents we answer the voice webhook with, built by the SDK so they are always well-formed. */
public final class Twiml {

    /** The {@code <Parameter>} that carries the session id into the Media Stream's {@code start} message. */
    public static final String SESSION_PARAMETER = "sessionId";

    static final String APOLOGY = "Sorry, this practice call is no longer available. Please start a new one from the website. Goodbye.";

    private Twiml() {
    }

    /**
     * Bridges the call to our Media Stream. Nothing follows {@code </Connect>}, so closing the stream
     * hangs up the call.
     */
    public static String connectStream(String streamUrl, UUID sessionId) {
        Stream stream = new Stream.Builder()
                .url(streamUrl)
                .parameter(new Parameter.Builder().name(SESSION_PARAMETER).value(sessionId.toString()).build())
                .build();
        return toXml(new VoiceResponse.Builder().connect(new Connect.Builder().stream(stream).build()).build());
    }

    /** For a session that is unknown, over or expired: a short spoken apology, then hang up. */
    public static String apologyAndHangup() {
        return toXml(new VoiceResponse.Builder()
                .say(new Say.Builder(APOLOGY).build())
                .hangup(new Hangup.Builder().build())
                .build());
    }

    private static String toXml(VoiceResponse response) {
        try {
            return response.toXml();
        } catch (TwiMLException e) {
            throw new IllegalStateException("could not render TwiML", e);
        }
    }
}
