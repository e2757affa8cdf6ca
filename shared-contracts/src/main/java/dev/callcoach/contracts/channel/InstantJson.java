package dev.callcoach.contracts.channel;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * {@link Instant} as an ISO-8601 string ({@code "2025-01-31T12:00:00Z"}) and nothing else. Jackson 2's
 * jsr310 module would also read bare numbers as epoch seconds, a second spelling a peer could drift into,
 * and would be one more dependency for two lines of mapping.
 */
final class InstantJson {

    static final Module MODULE = new SimpleModule("callcoach-instant")
            .addSerializer(Instant.class, ToStringSerializer.instance)
            .addDeserializer(Instant.class, new IsoInstantDeserializer());

    private InstantJson() {
    }

    private static final class IsoInstantDeserializer extends StdScalarDeserializer<Instant> {

        IsoInstantDeserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (Instant) context.handleUnexpectedToken(Instant.class, parser);
            }
            String text = parser.getText();
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                return (Instant) context.handleWeirdStringValue(Instant.class, text, "not an ISO-8601 instant");
            }
        }
    }
}
