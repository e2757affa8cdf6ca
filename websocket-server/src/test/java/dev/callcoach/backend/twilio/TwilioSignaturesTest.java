package dev.callcoach.backend.twilio;

import dev.callcoach.backend.config.PublicUrls;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Uses the signature vectors in docs/protocols.md ("Webhooks, status callbacks and signatures"). */
class TwilioSignaturesTest {

    private static final Map<String, String> PARAMS = Map.of(
            "CallSid", "CA1234567890ABCDE",
            "Caller", "+14158675309",
            "Digits", "1234",
            "From", "+14158675309",
            "To", "+18005551212");

    private final TwilioSignatures signatures = new TwilioSignatures("12345", new PublicUrls("https://mycompany.com"));

    @Test
    void acceptsTheDocumentedWebhookVector() {
        assertThat(signatures.isValidWebhook("/myapp.php?foo=1&bar=2", PARAMS, "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).isTrue();
    }

    @Test
    void refusesMissingForgedAndChangedParameters() {
        assertThat(signatures.isValidWebhook("/myapp.php?foo=1&bar=2", PARAMS, null)).isFalse();
        assertThat(signatures.isValidWebhook("/myapp.php?foo=1&bar=2", PARAMS, " ")).isFalse();
        assertThat(signatures.isValidWebhook("/myapp.php?foo=1&bar=2", PARAMS, "AAAAAAAAAAAAAAAAAAAAAAAAAAA=")).isFalse();
        Map<String, String> changed = new HashMap<>(PARAMS);
        changed.put("Digits", "1235");
        assertThat(signatures.isValidWebhook("/myapp.php?foo=1&bar=2", changed, "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).isFalse();
        assertThat(signatures.isValidWebhook("/other.php?foo=1&bar=2", PARAMS, "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).isFalse();
    }

    @Test
    void anotherBaseUrlDoesNotMatch() {
        TwilioSignatures proxied = new TwilioSignatures("12345", new PublicUrls("http://internal:8081"));
        assertThat(proxied.isValidWebhook("/myapp.php?foo=1&bar=2", PARAMS, "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).isFalse();
    }

    @Test
    void upgradeIsSignedOverTheWssUrlWithNoParameters() {
        TwilioSignatures example = new TwilioSignatures("12345", new PublicUrls("https://example.com"));
        assertThat(example.isValidUpgrade("/media", "7PR3qMkpDyEJtMrVOY/LDyNq8J8=")).isTrue();
        assertThat(example.isValidUpgrade("/media2", "7PR3qMkpDyEJtMrVOY/LDyNq8J8=")).isFalse();
        assertThat(example.isValidUpgrade("/media", null)).isFalse();
    }
}
