package dev.callcoach.webapp.channel;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with "equal jitter": the ceiling doubles per attempt up to the maximum, and the delay
 * is drawn from its upper half, so many webapp instances that lost the backend at once don't come back in
 * lockstep, yet none waits less than half the ceiling.
 */
final class Backoff {

    /** Beyond this many doublings every ceiling is the maximum anyway; avoids overflow. */
    private static final int MAX_DOUBLINGS = 30;

    private final long minMillis;
    private final long maxMillis;
    private final RandomGenerator random;

    Backoff(Duration min, Duration max, RandomGenerator random) {
        this.minMillis = min.toMillis();
        this.maxMillis = max.toMillis();
        this.random = random;
    }

    /** The delay before reconnection attempt {@code attempt} (0 for the first). */
    Duration delay(int attempt) {
        long ceiling = Math.min(maxMillis, minMillis << Math.min(Math.max(attempt, 0), MAX_DOUBLINGS));
        if (ceiling <= 0) {
            ceiling = maxMillis;
        }
        long half = ceiling / 2;
        return Duration.ofMillis(half + random.nextLong(ceiling - half + 1));
    }
}
