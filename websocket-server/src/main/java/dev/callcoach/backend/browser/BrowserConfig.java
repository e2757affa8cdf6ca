package dev.callcoach.backend.browser;

import io.smallrye.config.ConfigMapping;
import java.util.List;
import java.util.Optional;

/** Practising in the browser. */
@ConfigMapping(prefix = "callcoach.browser")
public interface BrowserConfig {

    /**
     * Origins ({@code scheme://host[:port]}) whose pages may open a browser media socket: the webapp's public
     * URL. From env {@code BROWSER_ALLOWED_ORIGINS}, comma-separated. Empty: every browser socket is refused.
     */
    Optional<List<String>> allowedOrigins();

    /**
     * The backend's base URL as browsers reach it, when that differs from {@code callcoach.public-base-url}
     * (the local demo announces https to its Twilio simulator but serves browsers plain http). From env
     * {@code BROWSER_MEDIA_BASE_URL}. Unset: the public base URL.
     */
    Optional<String> mediaBaseUrl();
}
