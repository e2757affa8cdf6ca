package dev.callcoach.backend.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecretPolicyTest {

    private static final String STRONG = "k3V9q2LrX8wPz5NtY1bC7dF4gH6jM0sA";

    @Test
    void productionRefusesMissingShortAndDevDefaultSecrets() {
        assertThatThrownBy(() -> SecretPolicy.require("PHONE_HASH_SECRET", Optional.empty(), true))
                .hasMessage("PHONE_HASH_SECRET is not set");
        assertThatThrownBy(() -> SecretPolicy.require("PHONE_HASH_SECRET", Optional.of("  "), true))
                .hasMessage("PHONE_HASH_SECRET is not set");
        assertThatThrownBy(() -> SecretPolicy.require("CHANNEL_TOKEN", Optional.of(STRONG.substring(1)), true))
                .hasMessage("CHANNEL_TOKEN must be at least 32 characters long");
        assertThatThrownBy(() -> SecretPolicy.require("CHANNEL_TOKEN",
                Optional.of("insecure-dev-channel-token-long-enough-to-pass"), true))
                .hasMessageContaining("development default");
        assertThat(SecretPolicy.require("CHANNEL_TOKEN", Optional.of(STRONG), true)).isEqualTo(STRONG);
    }

    @Test
    void devAndTestAcceptTheDefaultsButStillNeedAValue() {
        assertThat(SecretPolicy.require("PHONE_HASH_SECRET", Optional.of("insecure-dev-x"), false))
                .isEqualTo("insecure-dev-x");
        assertThatThrownBy(() -> SecretPolicy.require("PHONE_HASH_SECRET", Optional.empty(), false))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theMessageNeverContainsTheSecret() {
        assertThatThrownBy(() -> SecretPolicy.require("CHANNEL_TOKEN", Optional.of("short-secret-value"), true))
                .message().doesNotContain("short-secret-value");
    }
}
