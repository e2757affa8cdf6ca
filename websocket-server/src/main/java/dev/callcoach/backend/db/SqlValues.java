package dev.callcoach.backend.db;

import dev.callcoach.backend.phone.PhoneHash;
import io.vertx.core.buffer.Buffer;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;

/** Conversions between our values and what the reactive Postgres client binds and returns. */
public final class SqlValues {

    private SqlValues() {
    }

    /**
     * The clock's time at Postgres' precision (microseconds), so an instant compares the same in memory
     * and in a table.
     */
    public static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    public static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    public static Instant instant(OffsetDateTime timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    public static Buffer bytea(PhoneHash hash) {
        return Buffer.buffer(hash.bytes());
    }

    public static Buffer[] byteaArray(Collection<PhoneHash> hashes) {
        return hashes.stream().map(SqlValues::bytea).toArray(Buffer[]::new);
    }
}
