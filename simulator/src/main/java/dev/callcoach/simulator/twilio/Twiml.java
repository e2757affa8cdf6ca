package dev.callcoach.simulator.twilio;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The TwiML FakeTwilio understands: {@code <Connect><Stream>} with {@code <Parameter>}s (and the
 * {@code action} of {@code <Connect>}), {@code <Say>}, {@code <Play>}, {@code <Pause>},
 * {@code <Redirect>}, {@code <Hangup>} and {@code <Reject>}. Other verbs are recognised and skipped
 * with a notification, as the simulator cannot perform them.
 */
final class Twiml {

    static final int MAX_PARAMETER_CHARS = 500;

    sealed interface Verb permits Connect, Say, Play, Pause, Redirect, Hangup, Unsupported {
    }

    /** {@code <Connect>}; {@code stream} is null when it holds no {@code <Stream>}; {@code action} is resolved. */
    record Connect(StreamSpec stream, String action, String method) implements Verb {
    }

    /** A {@code <Stream>}; {@code url} is absolute (relative ones resolved with ws/wss), null when missing or invalid. */
    record StreamSpec(String url, String name, String track, String statusCallback, String statusCallbackMethod,
            Map<String, String> parameters) {
    }

    record Say(String text) implements Verb {
        long millis() {
            return Math.max(1000, text.trim().split("\\s+").length * 400L);
        }
    }

    record Play(int loop) implements Verb {
    }

    record Pause(int seconds) implements Verb {
    }

    record Redirect(String url, String method) implements Verb {
    }

    /** {@code <Hangup>} and {@code <Reject>}. */
    record Hangup() implements Verb {
    }

    record Unsupported(String verb) implements Verb {
    }

    /** A parsed document: its verbs, and schema warnings (code 12200) met on the way. */
    record Document(List<Verb> verbs, List<String> warnings) {
    }

    /** TwiML Twilio cannot run at all (code 12100, document parse failure). */
    static final class ParseError extends Exception {
        ParseError(String message) {
            super(message, null, false, false);
        }
    }

    private static final List<String> KNOWN_UNSUPPORTED = List.of(
            "Dial", "Gather", "Record", "Enqueue", "Leave", "Sms", "Message", "Start", "Stop", "Refer", "Pay", "Prompt");

    private Twiml() {
    }

    /** Parses {@code xml}; relative URLs resolve against {@code documentUrl} (null for inline TwiML). */
    static Document parse(String xml, String documentUrl) throws ParseError {
        Element root = parseXml(xml).getDocumentElement();
        if (!root.getTagName().equals("Response")) {
            throw new ParseError("root element must be <Response>, got <" + root.getTagName() + ">");
        }
        List<Verb> verbs = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Element verb : children(root)) {
            verbs.add(verb(verb, documentUrl, warnings));
        }
        return new Document(List.copyOf(verbs), List.copyOf(warnings));
    }

    /** Resolves a possibly relative URL against the document URL, mapping http(s) to ws(s) for stream URLs. */
    static String resolve(String url, String documentUrl, boolean webSocket) {
        URI uri = URI.create(url.trim());
        if (!uri.isAbsolute()) {
            if (documentUrl == null) {
                throw new IllegalArgumentException("relative URL '" + url + "' in inline TwiML");
            }
            uri = URI.create(documentUrl).resolve(uri);
            if (webSocket) {
                String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
                uri = URI.create((scheme.equals("https") ? "wss" : scheme.equals("http") ? "ws" : scheme)
                        + uri.toString().substring(scheme.length()));
            }
        }
        return uri.toString();
    }

    private static Verb verb(Element element, String documentUrl, List<String> warnings) {
        String tag = element.getTagName();
        return switch (tag) {
            case "Connect" -> connect(element, documentUrl, warnings);
            case "Say" -> new Say(element.getTextContent());
            case "Play" -> new Play(intAttribute(element, "loop", 1, warnings));
            case "Pause" -> new Pause(intAttribute(element, "length", 1, warnings));
            case "Redirect" -> new Redirect(resolveOrWarn(element.getTextContent(), documentUrl, warnings),
                    method(element, "method", warnings));
            case "Hangup", "Reject" -> new Hangup();
            default -> {
                if (!KNOWN_UNSUPPORTED.contains(tag)) {
                    warnings.add("unknown verb <" + tag + ">");
                }
                yield new Unsupported(tag);
            }
        };
    }

    private static Connect connect(Element connect, String documentUrl, List<String> warnings) {
        StreamSpec stream = null;
        for (Element noun : children(connect)) {
            if (!noun.getTagName().equals("Stream")) {
                warnings.add("<Connect><" + noun.getTagName() + "> is not simulated");
            } else if (stream != null) {
                warnings.add("only one <Stream> per <Connect>; ignoring the rest");
            } else {
                stream = stream(noun, documentUrl, warnings);
            }
        }
        String action = connect.getAttribute("action");
        return new Connect(stream, action.isEmpty() ? null : resolveOrWarn(action, documentUrl, warnings),
                method(connect, "method", warnings));
    }

    private static StreamSpec stream(Element stream, String documentUrl, List<String> warnings) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (Element child : children(stream)) {
            if (!child.getTagName().equals("Parameter")) {
                warnings.add("<Stream> may only contain <Parameter>, got <" + child.getTagName() + ">");
                continue;
            }
            String name = child.getAttribute("name");
            String value = child.getAttribute("value");
            if (name.isEmpty()) {
                warnings.add("<Parameter> without a name");
            } else if (name.length() + value.length() >= MAX_PARAMETER_CHARS) {
                warnings.add("<Parameter name=\"" + name + "\">: name and value must be under " + MAX_PARAMETER_CHARS
                        + " characters together; dropped");
            } else {
                parameters.put(name, value);
            }
        }
        String callback = stream.getAttribute("statusCallback");
        String url = stream.getAttribute("url");
        String resolved = null;
        if (url.isEmpty()) {
            warnings.add("<Stream> without a url");
        } else {
            try {
                resolved = resolve(url, documentUrl, true);
            } catch (IllegalArgumentException e) {
                warnings.add("<Stream url=\"" + url + "\">: " + e.getMessage());
            }
        }
        return new StreamSpec(resolved, emptyToNull(stream.getAttribute("name")),
                emptyToNull(stream.getAttribute("track")), emptyToNull(callback),
                method(stream, "statusCallbackMethod", warnings), parameters);
    }

    private static String resolveOrWarn(String url, String documentUrl, List<String> warnings) {
        try {
            return resolve(url, documentUrl, false);
        } catch (IllegalArgumentException e) {
            warnings.add(e.getMessage());
            return null;
        }
    }

    private static String method(Element element, String attribute, List<String> warnings) {
        String value = element.getAttribute(attribute);
        if (value.isEmpty()) {
            return "POST";
        }
        String upper = value.toUpperCase(Locale.ROOT);
        if (!upper.equals("GET") && !upper.equals("POST")) {
            warnings.add(attribute + "=\"" + value + "\" is not GET or POST; using POST");
            return "POST";
        }
        return upper;
    }

    private static int intAttribute(Element element, String attribute, int fallback, List<String> warnings) {
        String value = element.getAttribute(attribute);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            return Math.max(0, Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            warnings.add("<" + element.getTagName() + " " + attribute + "=\"" + value + "\"> is not an integer");
            return fallback;
        }
    }

    private static List<Element> children(Element parent) {
        List<Element> elements = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                elements.add(e);
            }
        }
        return elements;
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static org.w3c.dom.Document parseXml(String xml) throws ParseError {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler()); // throws on fatal errors instead of printing them
            return builder.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new ParseError("Document parse failure: " + e.getMessage());
        }
    }
}
