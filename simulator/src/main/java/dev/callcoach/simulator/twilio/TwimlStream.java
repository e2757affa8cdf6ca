package dev.callcoach.simulator.twilio;

import java.util.Map;

/**
 * The {@code <Connect><Stream>} of a TwiML document as FakeTwilio reads it, for clients that act as
 * Twilio without running a whole simulated call (the bridge load benchmark).
 *
 * @param url        the stream URL, absolute, exactly as Twilio would sign it
 * @param parameters the {@code <Parameter>}s, which Twilio sends back in {@code start.customParameters}
 */
public record TwimlStream(String url, Map<String, String> parameters) {

    public TwimlStream {
        parameters = Map.copyOf(parameters);
    }

    /**
     * The first {@code <Connect><Stream>} of {@code xml}.
     *
     * @param documentUrl the URL the document was fetched from, against which relative URLs resolve
     * @throws IllegalArgumentException when the document is not TwiML or connects no stream
     */
    public static TwimlStream of(String xml, String documentUrl) {
        Twiml.Document document;
        try {
            document = Twiml.parse(xml, documentUrl);
        } catch (Twiml.ParseError e) {
            throw new IllegalArgumentException("not TwiML: " + e.getMessage(), e);
        }
        return document.verbs().stream()
                .filter(verb -> verb instanceof Twiml.Connect connect && connect.stream() != null
                        && connect.stream().url() != null)
                .map(verb -> ((Twiml.Connect) verb).stream())
                .map(stream -> new TwimlStream(stream.url(), stream.parameters()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the TwiML connects no Media Stream: " + abbreviate(xml)));
    }

    private static String abbreviate(String xml) {
        return xml.length() <= 200 ? xml : xml.substring(0, 200) + "...";
    }
}
