package dev.callcoach.backend.realtime;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Writes one small JSON message with Jackson's streaming generator. The messages on the audio path
 * (an {@code append} per caller frame, a Twilio {@code media} per AI chunk) go out 50 a second per call;
 * building a tree for each and serialising it cost more than the parsing did.
 */
public final class JsonText {

    private static final JsonFactory FACTORY = new JsonFactory();

    /** Writes the members of one message. */
    @FunctionalInterface
    public interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    private JsonText() {
    }

    public static String write(Body body) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            body.write(json);
        } catch (IOException e) {
            // A StringWriter does no I/O; only a bug in a Body gets here.
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
