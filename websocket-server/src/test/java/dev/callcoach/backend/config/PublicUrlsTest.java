package dev.callcoach.backend.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PublicUrlsTest {

    @Test
    void httpsBaseGivesSecureWebSocketUrls() {
        PublicUrls urls = new PublicUrls("https://callcoach.fly.dev/");
        assertThat(urls.http("/twilio/voice/1")).isEqualTo("https://callcoach.fly.dev/twilio/voice/1");
        assertThat(urls.websocket("/twilio/media")).isEqualTo("wss://callcoach.fly.dev/twilio/media");
    }

    @Test
    void httpBaseGivesPlainWebSocketUrlsForLocalRuns() {
        PublicUrls urls = new PublicUrls("http://localhost:8081");
        assertThat(urls.websocket("/twilio/media")).isEqualTo("ws://localhost:8081/twilio/media");
    }

    @Test
    void refusesAnythingButSchemeAndAuthority() {
        assertThatThrownBy(() -> new PublicUrls("ftp://x")).hasMessageContaining("https://");
        assertThatThrownBy(() -> new PublicUrls("https://x/prefix")).hasMessageContaining("scheme://host");
        assertThatThrownBy(() -> new PublicUrls("https://x?a=1")).hasMessageContaining("scheme://host");
        assertThatThrownBy(() -> new PublicUrls("localhost:8081")).isInstanceOf(IllegalArgumentException.class);
    }
}
