package dev.callcoach.contracts.channel;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.callcoach.contracts.internal.Require;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code browser.reserved}: the slot is held for the new browser session. The page opens a WebSocket to
 * {@code mediaUrl + "?token=" + mediaToken} before {@code tokenExpiresAt}; the session is then followed with
 * {@link Subscribe} and ended with {@link EndCall}, exactly like a phone call.
 *
 * @param mediaUrl       the backend's public {@code ws://} or {@code wss://} URL of this session's media socket
 * @param mediaToken     single-use secret that opens the media socket once, 43 base64url characters; the backend
 *                       keeps only its hash. Masked in {@link #toString()}
 * @param tokenExpiresAt after this instant the token opens nothing and the unused session ends
 */
@JsonTypeName("browser.reserved")
public record BrowserSessionReserved(String correlationId, UUID sessionId, String mediaUrl, String mediaToken,
                                     Instant tokenExpiresAt) implements ChannelReply {

    /** Longest media URL; a public base URL plus the path and a UUID fit well inside it. */
    public static final int MAX_MEDIA_URL = 2048;

    public BrowserSessionReserved {
        MessageChecks.correlationId(correlationId);
        Require.nonNull(sessionId, "sessionId");
        Require.text(mediaUrl, "mediaUrl", MAX_MEDIA_URL);
        if (!mediaUrl.startsWith("ws://") && !mediaUrl.startsWith("wss://")) {
            throw new IllegalArgumentException("field 'mediaUrl' must be a ws:// or wss:// URL");
        }
        MessageChecks.mediaToken(mediaToken);
        Require.nonNull(tokenExpiresAt, "tokenExpiresAt");
    }

    @Override
    public String toString() {
        return "BrowserSessionReserved[correlationId=" + correlationId + ", sessionId=" + sessionId + ", mediaUrl="
                + mediaUrl + ", mediaToken=•••, tokenExpiresAt=" + tokenExpiresAt + "]";
    }
}
