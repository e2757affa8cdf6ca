package dev.callcoach.backend.phone;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;

/** Which numbers the backend accepts, re-checked here because the webapp is not the only possible client. */
@ConfigMapping(prefix = "callcoach.phone")
public interface PhoneConfig {

    /** ISO 3166 regions whose numbers may be called, e.g. {@code US,AU,IN}; keep in step with the webapp. */
    @WithDefault("US,AU,IN")
    List<String> allowedRegions();
}
