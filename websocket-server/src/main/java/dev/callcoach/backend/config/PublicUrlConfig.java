package dev.callcoach.backend.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the outside world (Twilio) reaches this service. */
@ConfigMapping(prefix = "callcoach")
public interface PublicUrlConfig {

    /**
     * Public base URL of this backend as Twilio sees it ({@code https://host[:port]}, no path). Behind
     * a proxy the request URL differs, and Twilio signs the public one. From env {@code PUBLIC_BASE_URL}.
     */
    @WithDefault("${PUBLIC_BASE_URL:http://localhost:8081}")
    String publicBaseUrl();
}
