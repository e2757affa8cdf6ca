package dev.callcoach.backend.limiter;

import static dev.callcoach.backend.db.SqlValues.instant;
import static dev.callcoach.backend.db.SqlValues.timestamp;

import dev.callcoach.backend.call.CallSession;
import dev.callcoach.backend.call.PostgresCallSessions;
import dev.callcoach.backend.call.StatusUpdate;
import dev.callcoach.backend.db.SqlValues;
import dev.callcoach.backend.phone.HashedNumber;
import dev.callcoach.backend.phone.PhoneHash;
import dev.callcoach.contracts.channel.CallStatus;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The limiter on Postgres, exact across any number of backend instances sharing the database.
 *
 * <p>A reservation is one transaction (READ COMMITTED, run by {@link dev.callcoach.backend.db.DatabaseFailover#transaction}
 * with its lock and statement timeouts) that serialises in the database, never in the JVM:
 * <ol>
 *   <li>{@code pg_advisory_xact_lock} on the number's hash (on both hashes, in key order, during a secret
 *       rotation), then count its attempts in the window. Refusals by the per-number limit end here, so
 *       one busy number never queues behind the global lock.</li>
 *   <li>{@code pg_advisory_xact_lock} on one global key, then count open sessions and the last 24 hours'
 *       attempts, then insert the session and its attempt.</li>
 * </ol>
 * Each count is a statement of its own after its lock: under READ COMMITTED a statement sees what
 * committed before it started, so it sees every reservation that held the lock before. Locks are always
 * taken in the order number, then global, so two reservations cannot deadlock. The global lock makes
 * granted reservations strictly sequential, each holding it for about three round trips (counts,
 * inserts, commit); docs/benchmarks.md has the resulting ceiling, far above what the caps let through.
 */
@ApplicationScoped
public class PostgresLimiter {

    /** Advisory lock key guarding the global caps ("callcoac" in ASCII). */
    static final long GLOBAL_LOCK_KEY = 0x63616c6c636f6163L;

    private final Pool pool;
    private final PostgresCallSessions sessions;

    public PostgresLimiter(Pool pool, PostgresCallSessions sessions) {
        this.pool = pool;
        this.sessions = sessions;
    }

    /** The number's attempts newer than {@code since}, oldest first; no lock, a snapshot is enough to report. */
    public Uni<List<Instant>> attempts(HashedNumber number, Instant since) {
        return attempts(pool, number.all(), since);
    }

    /** Decides one reservation inside {@code tx}, the caller's transaction (see the class comment). */
    public Uni<Reservation> reserve(SqlClient tx, HashedNumber number, CallSession candidate, LimitRules rules) {
        Instant now = candidate.createdAt();
        // Sorted, so that during a rotation two instances with different secrets lock in the same order.
        long[] numberKeys = number.all().stream().mapToLong(PhoneHash::lockKey).sorted().distinct().toArray();
        return afterLocks(tx, numberKeys, attempts(tx, number.all(), rules.windowStart(now)))
                .chain(attempts -> rules.phoneRefusal(rules.allowance(attempts, now), now)
                        .map(PostgresLimiter::refused)
                        .orElseGet(() -> afterLocks(tx, new long[] {GLOBAL_LOCK_KEY}, globalUsage(tx, rules, now))
                                .chain(usage -> rules.globalRefusal(usage, now)
                                        .map(PostgresLimiter::refused)
                                        .orElseGet(() -> grant(tx, candidate, number)))));
    }

    /**
     * Decides one browser session's reservation inside {@code tx}: the global caps only, under the same global
     * lock as phone reservations, so both kinds share one exact count. What {@code alongside} writes goes in
     * the same transaction, so it exists exactly when the session does.
     */
    public Uni<Reservation> reserveWithoutNumber(SqlClient tx, CallSession candidate, LimitRules rules,
                                                 Function<CallSession, Uni<Void>> alongside) {
        Instant now = candidate.createdAt();
        return afterLocks(tx, new long[] {GLOBAL_LOCK_KEY}, globalUsage(tx, rules, now))
                .chain(usage -> rules.globalRefusal(usage, now)
                        .map(PostgresLimiter::refused)
                        .orElseGet(() -> Uni.combine().all()
                                .unis(sessions.insert(tx, candidate),
                                        insertAttempt(tx, Attempt.withoutNumber(candidate.id(), now)),
                                        alongside.apply(candidate))
                                .discardItems()
                                .replaceWith(new Reservation.Granted(candidate))));
    }

    /** Gives back the slot of a reservation that was never placed, inside {@code tx}. */
    public Uni<StatusUpdate> release(SqlClient tx, UUID sessionId, Instant now) {
        return sessions.transition(tx, sessionId, CallStatus.RELEASED, now)
                .call(update -> update.outcome() == StatusUpdate.Outcome.APPLIED
                        ? deleteAttempts(tx, List.of(sessionId))
                        : Uni.createFrom().voidItem());
    }

    /**
     * Inside {@code tx}: reservations not placed since {@code before} are released and their attempts given
     * back; placements of unknown outcome unconfirmed since {@code before} fail, keeping their attempts.
     */
    public Uni<ExpiredPlacements> expire(SqlClient tx, Instant before, Instant now) {
        return sessions.releaseUnplaced(tx, before, now)
                .call(released -> released.isEmpty() ? Uni.createFrom().voidItem()
                        : deleteAttempts(tx, released.stream().map(CallSession::id).toList()))
                .chain(released -> sessions.failUnconfirmed(tx, before, now)
                        .map(failed -> new ExpiredPlacements(released, failed, true)));
    }

    /** Every attempt newer than {@code since}, oldest first, at most {@code limit}: the fallback's mirror. */
    public Uni<List<Attempt>> recentAttempts(Instant since, int limit) {
        return pool.preparedQuery("""
                        SELECT session_id, phone_hash, previous_hash, created_at FROM call_attempt
                         WHERE created_at > $1 ORDER BY created_at LIMIT $2""")
                .execute(Tuple.of(timestamp(since), limit))
                .map(rows -> {
                    List<Attempt> attempts = new ArrayList<>();
                    rows.forEach(row -> attempts.add(new Attempt(row.getUUID("session_id"),
                            row.getBuffer("phone_hash") == null ? null : new PhoneHash(row.getBuffer("phone_hash").getBytes()),
                            row.getBuffer("previous_hash") == null ? null : new PhoneHash(row.getBuffer("previous_hash").getBytes()),
                            instant(row.getOffsetDateTime("created_at")))));
                    return attempts;
                });
    }

    /** Takes a placed call off its number's count; the session itself stays as Twilio reports it. */
    public Uni<Boolean> forgive(UUID sessionId) {
        return pool.preparedQuery("DELETE FROM call_attempt WHERE session_id = $1").execute(Tuple.of(sessionId))
                .map(rows -> rows.rowCount() > 0);
    }

    /** Deletes up to {@code batchSize} attempts created before {@code before}; returns how many. */
    public Uni<Integer> deleteAttemptsBefore(Instant before, int batchSize) {
        return pool.preparedQuery("""
                        DELETE FROM call_attempt WHERE session_id IN (
                            SELECT session_id FROM call_attempt WHERE created_at < $1 LIMIT $2)""")
                .execute(Tuple.of(timestamp(before), batchSize))
                .map(RowSet::rowCount);
    }

    /** Writes attempts granted during an outage and removes those released meanwhile; idempotent. */
    Uni<Void> merge(SqlClient tx, Collection<Attempt> granted, Collection<UUID> released) {
        Uni<Void> inserts = Multi.createFrom().iterable(granted)
                .onItem().transformToUniAndConcatenate(attempt -> insertAttempt(tx, attempt))
                .collect().last().replaceWithVoid();
        return inserts.chain(() -> released.isEmpty() ? Uni.createFrom().voidItem() : deleteAttempts(tx, released));
    }

    private Uni<Reservation> grant(SqlClient tx, CallSession session, HashedNumber number) {
        // Independent rows (no foreign key): both inserts go out pipelined, in one round trip.
        return Uni.combine().all()
                .unis(sessions.insert(tx, session), insertAttempt(tx, Attempt.of(session.id(), number, session.createdAt())))
                .discardItems()
                .replaceWith(new Reservation.Granted(session));
    }

    /** Stored under both hashes during a rotation, so instances on either secret count it. */
    private static Uni<Void> insertAttempt(SqlClient tx, Attempt attempt) {
        return tx.preparedQuery("""
                        INSERT INTO call_attempt (session_id, phone_hash, previous_hash, created_at) VALUES ($1, $2, $3, $4)
                        ON CONFLICT (session_id) DO NOTHING""")
                .execute(Tuple.of(attempt.sessionId(), attempt.phoneHash() == null ? null : SqlValues.bytea(attempt.phoneHash()),
                        attempt.previousHash() == null ? null : SqlValues.bytea(attempt.previousHash()),
                        timestamp(attempt.createdAt())))
                .replaceWithVoid();
    }

    private static Uni<Void> deleteAttempts(SqlClient tx, Collection<UUID> sessionIds) {
        return tx.preparedQuery("DELETE FROM call_attempt WHERE session_id = ANY($1)")
                .execute(Tuple.of((Object) sessionIds.toArray(UUID[]::new))).replaceWithVoid();
    }

    /**
     * Runs {@code query} once {@code pg_advisory_xact_lock} holds every key. The statements are pipelined:
     * sent together without waiting, which saves a round trip per lock. That is safe because one
     * connection executes its statements in the order sent, and under READ COMMITTED the query's snapshot
     * is taken when it starts, after the locks were granted.
     */
    private static <T> Uni<T> afterLocks(SqlClient tx, long[] keys, Uni<T> query) {
        List<Uni<?>> statements = new ArrayList<>();
        for (long key : keys) {
            statements.add(tx.preparedQuery("SELECT pg_advisory_xact_lock($1)").execute(Tuple.of(key)));
        }
        statements.add(query);
        return Uni.combine().all().unis(statements).with(results -> {
            @SuppressWarnings("unchecked")
            T result = (T) results.getLast();
            return result;
        });
    }

    private static Uni<List<Instant>> attempts(SqlClient client, List<PhoneHash> hashes, Instant since) {
        return client.preparedQuery("""
                        SELECT created_at FROM call_attempt
                         WHERE (phone_hash = ANY($1) OR previous_hash = ANY($1)) AND created_at > $2
                         ORDER BY created_at""")
                .execute(Tuple.of(SqlValues.byteaArray(hashes), timestamp(since)))
                .map(rows -> {
                    List<Instant> times = new ArrayList<>();
                    rows.forEach(row -> times.add(instant(row.getOffsetDateTime(0))));
                    return times;
                });
    }

    private Uni<GlobalUsage> globalUsage(SqlClient tx, LimitRules rules, Instant now) {
        Instant dayStart = rules.dayStart(now);
        // Both counts stop at their cap, so the cost stays flat however busy the day was. Only when the
        // cap was lowered below today's count does that make the daily retry-after early: a later retry
        // is refused again, never granted wrongly.
        Uni<Integer> inDay = tx.preparedQuery("""
                        SELECT count(*) FROM (
                            SELECT 1 FROM call_attempt WHERE created_at > $1 LIMIT $2) day""")
                .execute(Tuple.of(timestamp(dayStart), rules.dailyCap()))
                .map(rows -> rows.iterator().next().getInteger(0));
        return Uni.combine().all().unis(sessions.countOpen(tx, rules.openSince(now), rules.concurrentCap()), inDay).asTuple()
                .chain(counts -> dailySlotFreedBy(tx, rules, dayStart, counts.getItem2())
                        .map(freedBy -> new GlobalUsage(counts.getItem1(), counts.getItem2(), freedBy.orElse(null))));
    }

    private static Uni<Optional<Instant>> dailySlotFreedBy(SqlClient tx, LimitRules rules, Instant dayStart, int inDay) {
        Optional<Integer> offset = rules.dailyFreeingOffset(inDay);
        if (offset.isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return tx.preparedQuery("""
                        SELECT created_at FROM call_attempt WHERE created_at > $1
                         ORDER BY created_at OFFSET $2 LIMIT 1""")
                .execute(Tuple.of(timestamp(dayStart), offset.get()))
                .map(rows -> {
                    var it = rows.iterator();
                    return it.hasNext() ? Optional.of(instant(it.next().getOffsetDateTime(0))) : Optional.<Instant>empty();
                });
    }

    private static Uni<Reservation> refused(Refusal refusal) {
        return Uni.createFrom().item(new Reservation.Refused(refusal));
    }
}
