package dev.callcoach.webapp.twilio;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Twilio account access and the numbers calls come from. Secrets come from the environment only.
 *
 * @param accountSid    the account calls are placed on ({@code AC…}); blank means calling is not set up
 * @param authToken     the account's auth token; not needed when an API key is given
 * @param apiKeySid     an API key ({@code SK…}) to authenticate with instead of the auth token
 * @param apiKeySecret  the API key's secret
 * @param apiBaseUrl    where the REST API is reached instead of {@code https://api.twilio.com}, e.g. the
 *                      simulator; null for the real Twilio
 * @param callerNumbers the E.164 number calls come from, by lower-case region code ({@code us}, {@code au},
 *                      {@code in}); a region without one cannot be called
 */
@ConfigurationProperties("callcoach.twilio")
public record TwilioProperties(
        @DefaultValue("") String accountSid,
        @DefaultValue("") String authToken,
        @DefaultValue("") String apiKeySid,
        @DefaultValue("") String apiKeySecret,
        URI apiBaseUrl,
        Map<String, String> callerNumbers) {

    public TwilioProperties {
        // An empty environment variable binds as an empty URI, which means "not set".
        if (apiBaseUrl != null && apiBaseUrl.toString().isBlank()) {
            apiBaseUrl = null;
        }
        callerNumbers = callerNumbers == null ? Map.of() : Map.copyOf(callerNumbers);
    }

    /** Whether there is an account and a way to authenticate to it. */
    public boolean configured() {
        return !accountSid.isBlank() && (hasApiKey() || !authToken.isBlank());
    }

    /** Whether calls go to a stand-in rather than the real Twilio. */
    public boolean simulated() {
        return apiBaseUrl != null;
    }

    boolean hasApiKey() {
        return !apiKeySid.isBlank() && !apiKeySecret.isBlank();
    }

    /** The number calls to this region (ISO code, any case) come from, if one is set. */
    public Optional<String> callerNumber(String region) {
        String number = callerNumbers.get(region.toLowerCase(Locale.ROOT));
        return number == null || number.isBlank() ? Optional.empty() : Optional.of(number.strip());
    }

    @Override
    public String toString() {
        return "TwilioProperties[accountSid=" + accountSid + ", apiKeySid=" + apiKeySid
                + ", credentials=" + (configured() ? "set" : "missing") + ", apiBaseUrl=" + apiBaseUrl
                + ", callerRegions=" + callerNumbers.keySet() + "]";
    }
}
