package dev.callcoach.backend.limiter;

import dev.callcoach.backend.phone.HashedNumber;
import dev.callcoach.backend.phone.PhoneHash;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One granted reservation as the limiter counts it.
 *
 * @param phoneHash    the number's hash; null for a browser session, which counts only in the global caps
 * @param previousHash the number's hash under the previous secret during a rotation, else null
 */
record Attempt(UUID sessionId, PhoneHash phoneHash, PhoneHash previousHash, Instant createdAt) {

    static Attempt of(UUID sessionId, HashedNumber number, Instant createdAt) {
        return new Attempt(sessionId, number.current(), number.previous().filter(p -> !p.equals(number.current())).orElse(null),
                createdAt);
    }

    /** A browser session's attempt: no number, counted only by the daily cap. */
    static Attempt withoutNumber(UUID sessionId, Instant createdAt) {
        return new Attempt(sessionId, null, null, createdAt);
    }

    /** Every hash the attempt is counted under; none for a browser session. */
    List<PhoneHash> hashes() {
        if (phoneHash == null) {
            return List.of();
        }
        return previousHash == null ? List.of(phoneHash) : List.of(phoneHash, previousHash);
    }
}
