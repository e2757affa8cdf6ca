package dev.callcoach.webapp.channel;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;

/**
 * The link to the backend.
 *
 * @param url               the backend's channel WebSocket
 * @param token             the shared secret sent as {@code Authorization: Bearer}; from the environment
 * @param requestTimeout    how long a request waits for its reply before the page says so
 * @param connectTimeout    how long one connection attempt may take
 * @param reconnectMinDelay the first delay before reconnecting; it doubles per failed attempt
 * @param reconnectMaxDelay the longest delay between reconnection attempts
 * @param pingInterval      how often an idle connection is pinged; three intervals without a sound from the
 *                          backend and the connection is given up and reopened
 */
@ConfigurationProperties("callcoach.channel")
public record ChannelProperties(
        @DefaultValue("ws://localhost:8081/channel/v1") URI url,
        @DefaultValue("") String token,
        @DefaultValue("5s") Duration requestTimeout,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("250ms") Duration reconnectMinDelay,
        @DefaultValue("30s") Duration reconnectMaxDelay,
        @DefaultValue("20s") Duration pingInterval) {

    public ChannelProperties {
        positive(requestTimeout, "request-timeout");
        positive(connectTimeout, "connect-timeout");
        positive(reconnectMinDelay, "reconnect-min-delay");
        positive(pingInterval, "ping-interval");
        if (reconnectMaxDelay == null || reconnectMaxDelay.compareTo(reconnectMinDelay) < 0) {
            throw new IllegalArgumentException("callcoach.channel.reconnect-max-delay must be at least reconnect-min-delay");
        }
    }

    private static void positive(Duration value, String key) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("callcoach.channel." + key + " must be positive, is " + value);
        }
    }

    @Override
    public String toString() {
        return "ChannelProperties[url=" + url + ", token=" + (token.isBlank() ? "missing" : "set")
                + ", requestTimeout=" + requestTimeout + "]";
    }
}
