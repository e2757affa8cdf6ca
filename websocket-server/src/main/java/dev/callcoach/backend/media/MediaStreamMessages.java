package dev.callcoach.backend.media;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callcoach.backend.media.TwilioFrame.Malformed;
import dev.callcoach.backend.realtime.JsonText;
import dev.callcoach.backend.media.TwilioFrame.Problem;
import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/** Twilio Media Stream JSON, both ways (docs/protocols.md, "Media Streams: messages from Twilio" and "... to Twilio"). Parsing never throws. */
final class MediaStreamMessages {

    /** Twilio's frames are a few hundred bytes; anything this big is not one of them. */
    static final int MAX_FRAME_CHARS = 64 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private MediaStreamMessages() {
    }

    static TwilioFrame parse(String frame) {
        if (frame.length() > MAX_FRAME_CHARS) {
            return new Malformed(Problem.OVERSIZED, frame.length() + " characters");
        }
        // Media and marks come 50 and more a second per call: one streaming pass, no tree. The rare
        // frames (start, dtmf, ...) are read again as a tree, which is simpler for their nesting.
        Hot hot;
        try (JsonParser parser = JSON.createParser(frame)) {
            hot = Hot.read(parser);
        } catch (IOException e) {
            return new Malformed(Problem.NOT_JSON, "not JSON");
        }
        if (hot == null || hot.event == null) {
            return new Malformed(Problem.NOT_JSON, "no string 'event'");
        }
        return switch (hot.event) {
            case "media" -> mediaFrame(hot.payload, hot.timestamp);
            case "mark" -> hot.markName != null ? new TwilioFrame.Mark(hot.markName) : missing("mark.name");
            default -> parseTree(frame);
        };
    }

    /** The fields of a media or mark frame, read in one pass; other members are skipped. */
    private static final class Hot {
        String event;
        String payload;
        String timestamp;
        String markName;

        /** @return null when the frame is not a JSON object */
        static Hot read(JsonParser parser) throws IOException {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Hot hot = new Hot();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "event" -> hot.event = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    case "media" -> hot.readMedia(parser, value);
                    case "mark" -> hot.readMark(parser, value);
                    default -> parser.skipChildren();
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT) {
                throw new JsonParseException(parser, "unterminated object");
            }
            return hot;
        }

        private void readMedia(JsonParser parser, JsonToken value) throws IOException {
            if (value != JsonToken.START_OBJECT) {
                parser.skipChildren();
                return;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken member = parser.nextToken();
                switch (field) {
                    case "payload" -> payload = member == JsonToken.VALUE_STRING ? parser.getText() : null;
                    // Twilio sends the timestamp as a string of milliseconds; a number is read the same.
                    case "timestamp" -> timestamp = member.isScalarValue() ? parser.getText() : null;
                    default -> { }
                }
                parser.skipChildren();
            }
        }

        private void readMark(JsonParser parser, JsonToken value) throws IOException {
            if (value != JsonToken.START_OBJECT) {
                parser.skipChildren();
                return;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken member = parser.nextToken();
                if (field.equals("name")) {
                    markName = member == JsonToken.VALUE_STRING ? parser.getText() : null;
                }
                parser.skipChildren();
            }
        }
    }

    private static TwilioFrame parseTree(String frame) {
        JsonNode message;
        try {
            message = JSON.readTree(frame);
        } catch (JsonProcessingException e) {
            return new Malformed(Problem.NOT_JSON, "not JSON");
        }
        String event = message.get("event").asText();
        return switch (event) {
            case "connected" -> new TwilioFrame.Connected();
            case "start" -> start(message);
            case "dtmf" -> new TwilioFrame.Dtmf(message.path("dtmf").path("digit").asText(""));
            case "stop" -> new TwilioFrame.Stop();
            default -> new Malformed(Problem.UNKNOWN_EVENT, "unknown event '" + abbreviate(event) + "'");
        };
    }

    private static TwilioFrame start(JsonNode message) {
        JsonNode start = message.path("start");
        String streamSid = textAt(start, "streamSid");
        if (streamSid == null) {
            streamSid = textAt(message, "streamSid");
        }
        if (streamSid == null) {
            return missing("start.streamSid");
        }
        Map<String, String> parameters = new HashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = start.path("customParameters").fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isTextual()) {
                parameters.put(field.getKey(), field.getValue().asText());
            }
        }
        return new TwilioFrame.Start(streamSid, textAt(start, "callSid"), Map.copyOf(parameters));
    }

    private static TwilioFrame mediaFrame(String payload, String timestamp) {
        if (payload == null) {
            return missing("media.payload");
        }
        if (!isBase64(payload)) {
            return new Malformed(Problem.BAD_BASE64, "media.payload is not base64");
        }
        try {
            return new TwilioFrame.Media(Long.parseLong(timestamp), payload);
        } catch (NumberFormatException e) {
            return missing("media.timestamp");
        }
    }

    /** One per AI chunk: streamed, not built as a tree. */
    static String media(String streamSid, String payload) {
        return JsonText.write(json -> {
            json.writeStartObject();
            json.writeStringField("event", "media");
            json.writeStringField("streamSid", streamSid);
            json.writeObjectFieldStart("media");
            json.writeStringField("payload", payload);
            json.writeEndObject();
            json.writeEndObject();
        });
    }

    static String mark(String streamSid, String name) {
        return JsonText.write(json -> {
            json.writeStartObject();
            json.writeStringField("event", "mark");
            json.writeStringField("streamSid", streamSid);
            json.writeObjectFieldStart("mark");
            json.writeStringField("name", name);
            json.writeEndObject();
            json.writeEndObject();
        });
    }

    static String clear(String streamSid) {
        return JSON.createObjectNode().put("event", "clear").put("streamSid", streamSid).toString();
    }

    /** Standard base64 with padding, checked without decoding: the payload is passed on untouched. */
    static boolean isBase64(String s) {
        int length = s.length();
        if (length % 4 != 0) {
            return false;
        }
        int padding = length > 0 && s.charAt(length - 1) == '=' ? (s.charAt(length - 2) == '=' ? 2 : 1) : 0;
        for (int i = 0; i < length - padding; i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Bytes a valid base64 string decodes to. */
    static int decodedLength(String base64) {
        int length = base64.length();
        int padding = length == 0 ? 0 : base64.charAt(length - 1) != '=' ? 0 : base64.charAt(length - 2) == '=' ? 2 : 1;
        return length / 4 * 3 - padding;
    }

    private static String textAt(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static Malformed missing(String field) {
        return new Malformed(Problem.MISSING_FIELD, "missing or invalid '" + field + "'");
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
