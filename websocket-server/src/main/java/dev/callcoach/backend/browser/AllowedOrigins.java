package dev.callcoach.backend.browser;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The page origins allowed to open a browser media socket. A browser always sends {@code Origin} on a
 * WebSocket upgrade and a page cannot forge it, so this keeps other sites' pages from using a token they
 * got hold of. Origins compare as the browser serialises them: lower-case scheme and host, the port only
 * when it is not the scheme's default.
 */
final class AllowedOrigins {

    private final Set<String> origins;

    /** @throws IllegalArgumentException if a configured origin is not {@code http(s)://host[:port]} */
    AllowedOrigins(List<String> configured) {
        this.origins = configured.stream().map(String::strip).filter(origin -> !origin.isEmpty())
                .map(origin -> normalise(origin).orElseThrow(() -> new IllegalArgumentException(
                        "callcoach.browser.allowed-origins: '" + origin + "' is not an origin like https://host[:port]")))
                .collect(Collectors.toUnmodifiableSet());
    }

    boolean isEmpty() {
        return origins.isEmpty();
    }

    /** Whether a request with this {@code Origin} header (null when absent) may open a media socket. */
    boolean allows(String originHeader) {
        return originHeader != null && normalise(originHeader).map(origins::contains).orElse(false);
    }

    private static Optional<String> normalise(String origin) {
        URI uri;
        try {
            uri = new URI(origin.strip());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean bare = uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/");
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || !bare
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            return Optional.empty();
        }
        int defaultPort = scheme.equals("https") ? 443 : 80;
        String port = uri.getPort() == -1 || uri.getPort() == defaultPort ? "" : ":" + uri.getPort();
        return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + port);
    }
}
