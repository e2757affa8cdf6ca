package dev.callcoach.backend.config;

import java.net.URI;
import java.util.Locale;

/**
 * The URLs Twilio and browsers use to reach us, derived from the configured public base URL. Behind Fly's proxy
 * the request a handler sees says {@code http://internal-host:8081}, but Twilio signs the URL it was
 * given, so signatures are always checked against these.
 *
 * @param base scheme and authority, e.g. {@code https://callcoach.fly.dev}, without a trailing slash
 */
public record PublicUrls(String base) {

    public PublicUrls {
        URI uri = URI.create(base.strip());
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException("public base URL must start with https:// or http://, got '" + base + "'");
        }
        if (uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null
                || (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))) {
            throw new IllegalArgumentException("public base URL must be scheme://host[:port] only, got '" + base + "'");
        }
        base = scheme + "://" + uri.getRawAuthority();
    }

    /** The https (or, for local runs, http) URL of a path on this service, as Twilio requests it. */
    public String http(String pathAndQuery) {
        return base + pathAndQuery;
    }

    /** The WebSocket URL of a path: {@code https://x} gives {@code wss://x/...}, {@code http://x} gives {@code ws://x/...}. */
    public String websocket(String pathAndQuery) {
        return (base.startsWith("https:") ? "wss" + base.substring(5) : "ws" + base.substring(4)) + pathAndQuery;
    }
}
