package dev.callcoach.backend.phone;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** The keys phone numbers are hashed with before anything is stored. */
@ConfigMapping(prefix = "callcoach.security")
public interface PhoneHashConfig {

    /** HMAC-SHA256 key for phone numbers ({@code PHONE_HASH_SECRET}); at least 32 characters in production. */
    Optional<String> phoneHashSecret();

    /** The key before the last rotation ({@code PHONE_HASH_PREVIOUS_SECRET}); its hashes still count while set. */
    Optional<String> phoneHashPreviousSecret();
}
