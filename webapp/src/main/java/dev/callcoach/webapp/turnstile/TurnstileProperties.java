package dev.callcoach.webapp.turnstile;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;

/**
 * Cloudflare Turnstile, off unless enabled.
 *
 * @param enabled   whether a Turnstile check must be passed before a call is placed
 * @param siteKey   the public site key the widget is rendered with
 * @param secret    the secret the server verifies tokens with
 * @param verifyUrl the siteverify endpoint (configurable for tests and proxies)
 * @param scriptUrl the widget script the page loads
 * @param timeout   how long to wait for siteverify before failing the check
 */
@ConfigurationProperties("callcoach.turnstile")
public record TurnstileProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("") String siteKey,
        @DefaultValue("") String secret,
        @DefaultValue("https://challenges.cloudflare.com/turnstile/v0/siteverify") URI verifyUrl,
        @DefaultValue("https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit") URI scriptUrl,
        @DefaultValue("5s") Duration timeout) {

    public TurnstileProperties {
        if (enabled && (siteKey.isBlank() || secret.isBlank())) {
            throw new IllegalArgumentException(
                    "callcoach.turnstile.enabled is true but the site key or secret is missing (TURNSTILE_SITE_KEY, TURNSTILE_SECRET)");
        }
    }

    @Override
    public String toString() {
        return "TurnstileProperties[enabled=" + enabled + ", siteKey=" + siteKey + ", verifyUrl=" + verifyUrl + "]";
    }
}
