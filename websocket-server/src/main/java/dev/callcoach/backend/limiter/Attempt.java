package dev.callcoach.backend.limiter;

import dev.callcoach.backend.phone.PhoneHash;
import java.time.Instant;
import java.util.UUID;

/** One granted reservation as the limiter counts it. */
record Attempt(UUID sessionId, PhoneHash phoneHash, Instant createdAt) {
}
