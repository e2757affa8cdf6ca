package dev.callcoach.backend.testing;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The application clock in tests: system time unless a test freezes it, after which it only moves when
 * the test moves it. Rolling windows are tested by moving time, never by waiting. Tests that touch it
 * call {@link #reset()} afterwards.
 */
@Alternative
@Priority(1)
@Singleton
public class TestClock extends Clock {

    private Instant frozen;

    /** Stops the clock at the current time, in whole milliseconds, and returns that time. */
    public synchronized Instant freeze() {
        frozen = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return frozen;
    }

    /** Moves the frozen clock forward. */
    public synchronized void advance(Duration by) {
        if (frozen == null) {
            throw new IllegalStateException("freeze() the clock before moving it");
        }
        frozen = frozen.plus(by);
    }

    /** Back to system time. */
    public synchronized void reset() {
        frozen = null;
    }

    @Override
    public synchronized Instant instant() {
        return frozen != null ? frozen : Instant.now();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the application clock is UTC");
    }
}
