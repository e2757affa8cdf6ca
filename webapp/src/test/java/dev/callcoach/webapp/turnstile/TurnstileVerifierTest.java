package dev.callcoach.webapp.turnstile;

import dev.callcoach.webapp.testing.HttpStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TurnstileVerifierTest {

    private final HttpStub cloudflare = new HttpStub();

    @AfterEach
    void stop() {
        cloudflare.close();
    }

    @Test
    void aPassedCheckIsConfirmedWithSecretTokenAndClientIp() throws Exception {
        cloudflare.answer(request -> HttpStub.Answer.json(200, "{\"success\": true}"));

        assertThat(verifier(cloudflare.baseUrl()).verify("token-1", "203.0.113.7")).isTrue();

        var form = cloudflare.requests.take().form();
        assertThat(form.get("secret")).containsExactly("the-secret");
        assertThat(form.get("response")).containsExactly("token-1");
        assertThat(form.get("remoteip")).containsExactly("203.0.113.7");
    }

    @Test
    void itFailsClosed() {
        cloudflare.answer(request -> HttpStub.Answer.json(500, "{}"));

        assertThat(verifier(cloudflare.baseUrl()).verify("token-1", "203.0.113.7")).isFalse();
        assertThat(verifier(URI.create("http://127.0.0.1:1")).verify("token-1", "203.0.113.7")).isFalse();
        assertThat(verifier(cloudflare.baseUrl()).verify(null, "203.0.113.7")).isFalse();
        assertThat(verifier(cloudflare.baseUrl()).verify("x".repeat(5000), "203.0.113.7")).isFalse();
    }

    @Test
    void switchedOffItAsksNobody() {
        TurnstileVerifier off = new TurnstileVerifier(new TurnstileProperties(false, "", "", cloudflare.baseUrl(),
                URI.create("https://challenges.example/api.js"), Duration.ofSeconds(1)), HttpClient.newHttpClient());

        assertThat(off.verify(null, "203.0.113.7")).isTrue();
        assertThat(cloudflare.requests).isEmpty();
    }

    @Test
    void switchedOnWithoutKeysRefusesToStart() {
        assertThatThrownBy(() -> new TurnstileProperties(true, "", "", cloudflare.baseUrl(),
                URI.create("https://challenges.example/api.js"), Duration.ofSeconds(1)))
                .hasMessageContaining("TURNSTILE_SECRET");
    }

    private static TurnstileVerifier verifier(URI verifyUrl) {
        return new TurnstileVerifier(new TurnstileProperties(true, "site-key", "the-secret", verifyUrl,
                URI.create("https://challenges.example/api.js"), Duration.ofSeconds(5)), HttpClient.newHttpClient());
    }
}
