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
}
