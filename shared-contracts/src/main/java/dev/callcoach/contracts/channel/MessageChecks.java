package dev.callcoach.contracts.channel;

import dev.callcoach.contracts.internal.Require;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Field checks shared by the message records' compact constructors. */
final class MessageChecks {

    /** Short free texts (reasons, details, ids of other systems). */
    static final int MAX_SHORT_TEXT = 256;
    /** Human messages. */
    static final int MAX_MESSAGE = 1000;

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");
    /** Base64url without padding; 22 characters carry 128 bits. */
    private static final Pattern REPORT_TOKEN = Pattern.compile("[A-Za-z0-9_-]{22,128}");
    /** Base64url without padding; 43 characters carry 256 bits. */
    private static final Pattern MEDIA_TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

    private MessageChecks() {
    }

    static String correlationId(String value) {
        Require.nonNull(value, "correlationId");
        if (!ChannelProtocol.isValidCorrelationId(value)) {
            throw new IllegalArgumentException("field 'correlationId' must be 1 to "
                    + ChannelProtocol.MAX_CORRELATION_ID_LENGTH + " visible ASCII characters");
        }
        return value;
    }

    /** The message names the field but never shows the value: it may be a phone number. */
    static String e164(String value, String field) {
        Require.nonNull(value, field);
        if (!E164.matcher(value).matches()) {
            throw new IllegalArgumentException("field '" + field + "' must be an E.164 number like +14155550123");
        }
        return value;
    }

    /** The message names the field but never shows the value: it is a secret. */
    static String reportToken(String value) {
        Require.nonNull(value, "reportToken");
        if (!REPORT_TOKEN.matcher(value).matches()) {
            throw new IllegalArgumentException("field 'reportToken' must be 22 to 128 base64url characters");
        }
        return value;
    }

    /** The message names the field but never shows the value: it is a secret. */
    static String mediaToken(String value) {
        Require.nonNull(value, "mediaToken");
        if (!MEDIA_TOKEN.matcher(value).matches()) {
            throw new IllegalArgumentException("field 'mediaToken' must be 43 base64url characters");
        }
        return value;
    }

    /** A filled-in scenario form: no null keys or values; returns an unmodifiable, insertion-ordered copy. */
    static Map<String, String> scenarioConfig(Map<String, String> value) {
        Require.nonNull(value, "scenarioConfig");
        // Checked by iterating: Map.of's containsKey(null) throws instead of answering.
        if (value.entrySet().stream().anyMatch(entry -> entry.getKey() == null || entry.getValue() == null)) {
            throw new IllegalArgumentException("field 'scenarioConfig' must not contain null keys or values");
        }
        // Insertion-ordered copy: stable JSON output, unlike Map.copyOf.
        return Collections.unmodifiableMap(new LinkedHashMap<>(value));
    }
}
