package dev.callcoach.webapp.limit;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ClientIpResolverTest {

    private static final Map<String, String> HEADERS = Map.of(
            "Fly-Client-IP", "203.0.113.7",
            "X-Forwarded-For", "198.51.100.99");

    @Test
    void withoutATrustedHeaderTheSocketAddressIsUsedWhateverTheClientSends() {
        ClientIpResolver resolver = new ClientIpResolver(properties(""));

        assertThat(resolver.resolve(HEADERS::get, "10.0.0.5")).isEqualTo("10.0.0.5");
    }

    @Test
    void theConfiguredHeaderWinsWhenPresent() {
        ClientIpResolver resolver = new ClientIpResolver(properties("Fly-Client-IP"));

        assertThat(resolver.resolve(HEADERS::get, "10.0.0.5")).isEqualTo("203.0.113.7");
    }

    @Test
    void aMissingBlankOrAbsurdHeaderFallsBackToTheSocket() {
        ClientIpResolver resolver = new ClientIpResolver(properties("Fly-Client-IP"));

        assertThat(resolver.resolve(name -> null, "10.0.0.5")).isEqualTo("10.0.0.5");
        assertThat(resolver.resolve(name -> "  ", "10.0.0.5")).isEqualTo("10.0.0.5");
        assertThat(resolver.resolve(name -> "x".repeat(1000), "10.0.0.5")).isEqualTo("10.0.0.5");
    }

    private static IpLimitProperties properties(String header) {
        return new IpLimitProperties(10, Duration.ofMinutes(15), header, 1000);
    }
}
