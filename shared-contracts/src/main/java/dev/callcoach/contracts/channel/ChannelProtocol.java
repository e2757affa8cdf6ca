package dev.callcoach.contracts.channel;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeName;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Constants of the channel protocol, version {@value #VERSION}. */
public final class ChannelProtocol {

    /** Protocol version; a breaking change gets a new version and a new {@link #PATH}. */
    public static final int VERSION = 1;
    /** Backend WebSocket path the webapp connects to. */
    public static final String PATH = "/channel/v" + VERSION;
    /** Handshake header carrying {@link #BEARER_PREFIX} followed by the shared channel token. */
    public static final String TOKEN_HEADER = "Authorization";
    /** Prefix of the {@link #TOKEN_HEADER} value. */
    public static final String BEARER_PREFIX = "Bearer ";
    /** Largest text frame either side accepts or sends, in UTF-8 bytes. */
    public static final int MAX_FRAME_BYTES = 64 * 1024;
    /** Longest correlation id. */
    public static final int MAX_CORRELATION_ID_LENGTH = 64;

    /** Every message record by its wire name (the JSON {@code "type"}), in declaration order. */
    public static final Map<String, Class<? extends ChannelMessage>> MESSAGE_TYPES = messageTypes();

    private ChannelProtocol() {
    }

    /** The wire name of a message record, e.g. {@code "call.reserve"} for {@link ReserveCall}. */
    public static String typeName(Class<? extends ChannelMessage> type) {
        JsonTypeName name = type.getAnnotation(JsonTypeName.class);
        if (name == null) {
            throw new IllegalArgumentException(type.getName() + " is not a channel message record");
        }
        return name.value();
    }

    /** Whether {@code value} may be used as a correlation id: 1 to 64 visible ASCII characters. */
    public static boolean isValidCorrelationId(String value) {
        return value != null
                && !value.isEmpty()
                && value.length() <= MAX_CORRELATION_ID_LENGTH
                // Visible ASCII only: the id is echoed into logs, where control characters could forge lines.
                && value.chars().allMatch(c -> c > ' ' && c < 0x7f);
    }

    private static Map<String, Class<? extends ChannelMessage>> messageTypes() {
        Map<String, Class<? extends ChannelMessage>> byName = new LinkedHashMap<>();
        for (JsonSubTypes.Type subType : ChannelMessage.class.getAnnotation(JsonSubTypes.class).value()) {
            Class<? extends ChannelMessage> type = subType.value().asSubclass(ChannelMessage.class);
            byName.put(typeName(type), type);
        }
        return Collections.unmodifiableMap(byName);
    }
}
