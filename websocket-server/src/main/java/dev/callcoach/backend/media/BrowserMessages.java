package dev.callcoach.backend.media;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.callcoach.backend.media.BrowserFrame.Malformed;
import dev.callcoach.backend.media.BrowserFrame.Problem;

/** The browser media socket's frames, both ways (docs/protocols.md, "Browser media socket"). Parsing never throws. */
final class BrowserMessages {

    /** 200 ms of PCM16 at 24 kHz; the page sends 20 ms (960 bytes) at a time. */
    static final int MAX_AUDIO_BYTES = 9600;
    /** The page's text frames are a few dozen characters. */
    static final int MAX_TEXT_CHARS = 1024;
    /** Our mark names are short ({@code m123}); an echo of anything longer is not one of them. */
    private static final int MAX_MARK_NAME = 64;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLEAR = "{\"type\":\"clear\"}";

    private BrowserMessages() {
    }

    static BrowserFrame audio(byte[] pcm) {
        if (pcm.length > MAX_AUDIO_BYTES) {
            return new Malformed(Problem.OVERSIZED, pcm.length + " bytes of audio");
        }
        if (pcm.length == 0 || pcm.length % 2 != 0) {
            return new Malformed(Problem.BAD_AUDIO, pcm.length + " bytes is not whole 16-bit samples");
        }
        return new BrowserFrame.Audio(pcm);
    }

    static BrowserFrame text(String frame) {
        if (frame.length() > MAX_TEXT_CHARS) {
            return new Malformed(Problem.OVERSIZED, frame.length() + " characters");
        }
        JsonNode message;
        try {
            message = JSON.readTree(frame);
        } catch (JsonProcessingException e) {
            return new Malformed(Problem.NOT_JSON, "not JSON");
        }
        if (message == null || !message.path("type").isTextual()) {
            return new Malformed(Problem.NOT_JSON, "no string 'type'");
        }
        return switch (message.get("type").asText()) {
            case "mark" -> {
                JsonNode name = message.path("name");
                yield name.isTextual() && !name.asText().isEmpty() && name.asText().length() <= MAX_MARK_NAME
                        ? new BrowserFrame.Mark(name.asText())
                        : new Malformed(Problem.BAD_FIELD, "mark.name");
            }
            case "played" -> {
                JsonNode ms = message.path("ms");
                yield ms.canConvertToLong() && ms.isIntegralNumber() && ms.asLong() >= 0
                        ? new BrowserFrame.Played(ms.asLong())
                        : new Malformed(Problem.BAD_FIELD, "played.ms");
            }
            default -> new Malformed(Problem.UNKNOWN_TYPE, "unknown type");
        };
    }

    static String mark(String name) {
        ObjectNode mark = JSON.createObjectNode().put("type", "mark").put("name", name);
        return mark.toString();
    }

    static String clear() {
        return CLEAR;
    }
}
