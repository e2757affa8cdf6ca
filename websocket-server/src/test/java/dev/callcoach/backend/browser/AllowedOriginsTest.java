package dev.callcoach.backend.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AllowedOriginsTest {

    private final AllowedOrigins origins = new AllowedOrigins(List.of("https://practice.example.com", " http://localhost:8080 "));

    @ParameterizedTest
    @ValueSource(strings = {"https://practice.example.com", "HTTPS://Practice.Example.com", "https://practice.example.com:443",
            "http://localhost:8080"})
    void theWebappsOriginIsAllowedAsABrowserSpellsIt(String origin) {
        assertThat(origins.allows(origin)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example", "http://practice.example.com", "https://practice.example.com:8443",
            "https://practice.example.com.evil.example", "http://localhost:8081", "null", "", "not a url",
            "https://practice.example.com/path", "https://user@practice.example.com"})
    void anythingElseIsRefused(String origin) {
        assertThat(origins.allows(origin)).isFalse();
    }

    @Test
    void noOriginHeaderIsRefused() {
        assertThat(origins.allows(null)).isFalse();
    }

    @Test
    void noConfiguredOriginsRefuseEverything() {
        AllowedOrigins none = new AllowedOrigins(List.of());
        assertThat(none.isEmpty()).isTrue();
        assertThat(none.allows("http://localhost:8080")).isFalse();
    }

    @Test
    void aConfiguredValueThatIsNoOriginStopsTheStart() {
        assertThatThrownBy(() -> new AllowedOrigins(List.of("practice.example.com")))
                .hasMessageContaining("'practice.example.com' is not an origin");
    }
}
