package dev.callcoach.backend.phone;

import dev.callcoach.backend.config.SecretPolicy;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns an E.164 number into its HMAC-SHA256 under the configured secret. Created at startup so a missing
 * or weak secret stops the service before it serves anything (see {@link SecretPolicy}).
 */
@Startup
@ApplicationScoped
public class PhoneHasher {

    static final String ALGORITHM = "HmacSHA256";
    // Only the canonical form may be hashed: "+1 415…" and "+1415…" must not become two different numbers.
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    private final SecretKeySpec current;
    private final Optional<SecretKeySpec> previous;

    @Inject
    PhoneHasher(PhoneHashConfig config) {
        this(SecretPolicy.require("PHONE_HASH_SECRET", config.phoneHashSecret()),
                config.phoneHashPreviousSecret().filter(s -> !s.isBlank())
                        .map(s -> SecretPolicy.require("PHONE_HASH_PREVIOUS_SECRET", Optional.of(s))));
    }

    public PhoneHasher(String secret, Optional<String> previousSecret) {
        this.current = key(secret);
        this.previous = previousSecret.map(PhoneHasher::key);
    }

    /**
     * @throws IllegalArgumentException when {@code e164} is not in canonical E.164 form (the message never
     *                                  repeats the input)
     */
    public HashedNumber hash(String e164) {
        if (e164 == null || !E164.matcher(e164).matches()) {
            throw new IllegalArgumentException("not a phone number in E.164 form");
        }
        byte[] number = e164.getBytes(StandardCharsets.US_ASCII);
        return new HashedNumber(hmac(current, number), previous.map(key -> hmac(key, number)));
    }

    private static PhoneHash hmac(SecretKeySpec key, byte[] number) {
        try {
            // Mac instances are not thread-safe and cheap to make; one per call keeps this bean stateless.
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return new PhoneHash(mac.doFinal(number));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available", e);
        }
    }

    private static SecretKeySpec key(String secret) {
        return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }
}
