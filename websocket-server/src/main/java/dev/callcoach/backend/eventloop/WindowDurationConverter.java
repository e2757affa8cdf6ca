package dev.callcoach.backend.eventloop;

import io.quarkus.runtime.configuration.DurationConverter;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.config.spi.Converter;

/**
 * Reads a batch window: Quarkus's durations ({@code 1ms}, {@code PT0.0005S}) and also whole microseconds
 * ({@code 500us}), which Quarkus's converter lacks and the useful windows, a millisecond or less, need.
 */
public final class WindowDurationConverter implements Converter<Duration> {

    private static final String MICROSECONDS = "us";

    @Override
    public Duration convert(String value) {
        String trimmed = value.trim();
        if (!trimmed.endsWith(MICROSECONDS)) {
            return DurationConverter.parseDuration(trimmed);
        }
        String amount = trimmed.substring(0, trimmed.length() - MICROSECONDS.length());
        try {
            return Duration.of(Long.parseLong(amount), ChronoUnit.MICROS);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("Invalid duration: '" + value + "' (e.g. 500us, 1ms)", e);
        }
    }

    /** The window as the configuration would say it: {@code 500us}, or {@code 2ms} when it is whole milliseconds. */
    static String format(Duration window) {
        long micros = window.toNanos() / 1_000;
        return micros % 1_000 == 0 ? micros / 1_000 + "ms" : micros + MICROSECONDS;
    }
}
