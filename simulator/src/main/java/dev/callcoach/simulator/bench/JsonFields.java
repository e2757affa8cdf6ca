package dev.callcoach.simulator.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.callcoach.simulator.http.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Jackson's streaming API for the benchmark's hot paths: the generator and the peer share one core
 * with tens of thousands of messages a second, so they read only the fields they need and write
 * without building trees.
 */
final class JsonFields {

    /** The simulator mapper's factory, so a body may also write a tree ({@link JsonGenerator#writeTree}). */
    private static final JsonFactory FACTORY = Json.MAPPER.getFactory();

    /** Writes the fields of one JSON object. */
    @FunctionalInterface
    interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    private JsonFields() {
    }

    /**
     * The scalar values of the wanted fields of a JSON object, as text, named by dotted path
     * ({@code "media.payload"}; one level of nesting). Everything else is skipped.
     *
     * @throws IllegalArgumentException when the text is not a JSON object
     */
    static Map<String, String> read(String json, Set<String> wanted) {
        Map<String, String> found = new HashMap<>(8);
        try (JsonParser parser = FACTORY.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object");
            }
            readObject(parser, "", wanted, found);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        return found;
    }

    private static void readObject(JsonParser parser, String prefix, Set<String> wanted, Map<String, String> found)
            throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String path = prefix.isEmpty() ? parser.currentName() : prefix + parser.currentName();
            JsonToken value = parser.nextToken();
            if (value == JsonToken.START_OBJECT && prefix.isEmpty()) {
                readObject(parser, path + ".", wanted, found);
            } else if (value.isScalarValue() && wanted.contains(path)) {
                found.put(path, parser.getText());
            } else {
                parser.skipChildren();
            }
        }
    }

    /** One JSON object with the fields {@code body} writes. */
    static String write(Body body) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            body.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            // A StringWriter does not fail; reaching this is a bug in the body.
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
