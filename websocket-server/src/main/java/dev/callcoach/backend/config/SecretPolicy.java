package dev.callcoach.backend.config;

import io.quarkus.runtime.LaunchMode;
import java.util.Optional;

/**
 * The rule every shared secret of the backend follows: outside dev and test it must be set, at least
 * {@value #MIN_LENGTH} characters long, and not one of the dev defaults from
 * {@code application.properties} (which all start with {@value #DEV_DEFAULT_PREFIX}). The beans that
 * hold a secret check it when they are created at startup, so a misconfigured production instance
 * refuses to start instead of running with a guessable key.
 */
public final class SecretPolicy {

    static final int MIN_LENGTH = 32;
    static final String DEV_DEFAULT_PREFIX = "insecure-dev-";

    private SecretPolicy() {
    }

    /** Checks with the rules of the running launch mode: strict in production, lenient in dev and test. */
    public static String require(String envVar, Optional<String> value) {
        return require(envVar, value, LaunchMode.current() == LaunchMode.NORMAL);
    }

    /**
     * Returns the secret, or throws {@link IllegalStateException} naming the environment variable (never
     * the value) when it breaks the rules.
     *
     * @param strict whether length and dev-default checks apply; a missing secret is refused either way
     */
    static String require(String envVar, Optional<String> value, boolean strict) {
        String secret = value.filter(v -> !v.isBlank())
                .orElseThrow(() -> new IllegalStateException(envVar + " is not set"));
        if (strict && secret.length() < MIN_LENGTH) {
            throw new IllegalStateException(envVar + " must be at least " + MIN_LENGTH + " characters long");
        }
        if (strict && secret.startsWith(DEV_DEFAULT_PREFIX)) {
            throw new IllegalStateException(envVar + " still holds the development default; set a real secret");
        }
        return secret;
    }
}
