package dev.callcoach.backend.call;

import static dev.callcoach.backend.db.SqlValues.instant;
import static dev.callcoach.backend.db.SqlValues.timestamp;

import dev.callcoach.backend.db.SqlValues;
import dev.callcoach.backend.phone.PhoneHash;
import dev.callcoach.contracts.channel.CallStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The {@code call_session} table. Methods taking a {@link SqlClient} run inside the caller's transaction. */
@ApplicationScoped
public class PostgresCallSessions {

    private static final String UNIQUE_VIOLATION = "23505";

    private final Pool pool;

    public PostgresCallSessions(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> insert(SqlClient tx, CallSession s) {
        return tx.preparedQuery("""
                        INSERT INTO call_session (id, phone_hash, scenario_id, scenario_config, voice, status,
                                                  twilio_call_sid, created_at, updated_at, answered_at, ended_at,
                                                  duration_seconds, input_tokens, output_tokens, input_audio_tokens,
                                                  output_audio_tokens)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
                        ON CONFLICT (id) DO NOTHING""")
                .execute(Tuple.from(new Object[] {s.id(), s.inBrowser() ? null : SqlValues.bytea(s.phoneHash()), s.scenarioId(),
                        new JsonObject(new LinkedHashMap<>(s.scenarioConfig())), s.voice(), s.status().name(),
                        s.callSid(), timestamp(s.createdAt()), timestamp(s.updatedAt()), timestamp(s.answeredAt()),
                        timestamp(s.endedAt()), s.duration() == null ? null : (int) s.duration().toSeconds(),
                        s.usage().inputTokens(), s.usage().outputTokens(), s.usage().inputAudioTokens(),
                        s.usage().outputAudioTokens()}))
                .replaceWithVoid();
    }

    public Uni<Optional<CallSession>> findById(UUID id) {
        return findById(pool, id);
    }

    private Uni<Optional<CallSession>> findById(SqlClient client, UUID id) {
        return client.preparedQuery("SELECT * FROM call_session WHERE id = $1")
                .execute(Tuple.of(id))
                .map(PostgresCallSessions::first);
    }

    public Uni<StatusUpdate> transition(UUID id, CallStatus to, Instant at) {
        return transition(pool, id, to, at);
    }

    /** Moves the session to {@code to} if {@link StatusTransitions} allows it from where it stands. */
    public Uni<StatusUpdate> transition(SqlClient client, UUID id, CallStatus to, Instant at) {
        String[] from = StatusTransitions.predecessors(to).stream().map(Enum::name).toArray(String[]::new);
        return client.preparedQuery("""
                        UPDATE call_session
                           SET status = $2, updated_at = $3,
                               answered_at = CASE WHEN $2 = 'IN_PROGRESS' THEN coalesce(answered_at, $3) ELSE answered_at END,
                               ended_at = CASE WHEN $4 THEN coalesce(ended_at, $3) ELSE ended_at END
                         WHERE id = $1 AND status = ANY($5)
                     RETURNING *""")
                .execute(Tuple.of(id, to.name(), timestamp(at), to.isTerminal(), from))
                .chain(rows -> first(rows)
                        .map(session -> Uni.createFrom().item(StatusUpdate.applied(session)))
                        .orElseGet(() -> findById(client, id).map(found -> found
                                .map(StatusUpdate::ignored).orElseGet(StatusUpdate::notFound))));
    }

    /** Binds Twilio's call SID; a reserved session becomes queued, one already further along keeps its status. */
    public Uni<SidBinding> bindCallSid(UUID id, String callSid, Instant at) {
        return pool.preparedQuery("""
                        UPDATE call_session
                           SET twilio_call_sid = $2, updated_at = $3,
                               status = CASE WHEN status = 'RESERVED' THEN 'QUEUED' ELSE status END
                         WHERE id = $1 AND twilio_call_sid IS NULL AND status <> 'RELEASED'
                     RETURNING *""")
                .execute(Tuple.of(id, callSid, timestamp(at)))
                .chain(rows -> first(rows)
                        .map(session -> Uni.createFrom().item(SidBinding.bound(session)))
                        .orElseGet(() -> findById(id).map(found -> SidBinding.of(found, callSid))))
                .onFailure(PostgresCallSessions::isUniqueViolation)
                .recoverWithItem(() -> SidBinding.conflict("the call SID belongs to another session"));
    }

    public Uni<Optional<CallSession>> addUsage(UUID id, CallUsage usage) {
        return pool.preparedQuery("""
                        UPDATE call_session
                           SET input_tokens = input_tokens + $2, output_tokens = output_tokens + $3,
                               input_audio_tokens = input_audio_tokens + $4, output_audio_tokens = output_audio_tokens + $5
                         WHERE id = $1
                     RETURNING *""")
                .execute(Tuple.of(id, usage.inputTokens(), usage.outputTokens(), usage.inputAudioTokens(),
                        usage.outputAudioTokens()))
                .map(PostgresCallSessions::first);
    }

    public Uni<Optional<CallSession>> recordDuration(UUID id, Duration duration) {
        return pool.preparedQuery("UPDATE call_session SET duration_seconds = $2 WHERE id = $1 RETURNING *")
                .execute(Tuple.of(id, (int) duration.toSeconds()))
                .map(PostgresCallSessions::first);
    }

    /**
     * Merges a session kept in memory during an outage into the table: inserted if unknown, else moved
     * forward only (status by {@link StatusTransitions}, SID if unset, token counts to the larger value).
     */
    public Uni<Void> merge(SqlClient tx, CallSession s) {
        return insert(tx, s)
                .chain(() -> transition(tx, s.id(), s.status(), s.updatedAt()))
                .chain(() -> tx.preparedQuery("""
                                UPDATE call_session
                                   SET twilio_call_sid = coalesce(twilio_call_sid, $2),
                                       duration_seconds = coalesce(duration_seconds, $3),
                                       input_tokens = greatest(input_tokens, $4),
                                       output_tokens = greatest(output_tokens, $5),
                                       input_audio_tokens = greatest(input_audio_tokens, $6),
                                       output_audio_tokens = greatest(output_audio_tokens, $7)
                                 WHERE id = $1""")
                        .execute(Tuple.from(new Object[] {s.id(), s.callSid(),
                                s.duration() == null ? null : (int) s.duration().toSeconds(),
                                s.usage().inputTokens(), s.usage().outputTokens(), s.usage().inputAudioTokens(),
                                s.usage().outputAudioTokens()})))
                .replaceWithVoid();
    }

    /** Open sessions counted by the concurrency cap, counting no further than {@code cap}. */
    public Uni<Integer> countOpen(SqlClient tx, Instant createdAfter, int cap) {
        return tx.preparedQuery("""
                        SELECT count(*) FROM (
                            SELECT 1 FROM call_session WHERE ended_at IS NULL AND created_at > $1 LIMIT $2) open""")
                .execute(Tuple.of(timestamp(createdAfter), cap))
                .map(rows -> rows.iterator().next().getInteger(0));
    }

    /** Reservations never placed and unchanged since {@code before} become released (inside {@code tx}). */
    public Uni<List<CallSession>> releaseUnplaced(SqlClient tx, Instant before, Instant now) {
        return endUnplaced(tx, CallStatus.RESERVED, CallStatus.RELEASED, before, now);
    }

    /**
     * Placements reported unknown ({@code queued} without a call SID) that Twilio did not confirm with a status
     * callback since {@code before} become failed (inside {@code tx}).
     */
    public Uni<List<CallSession>> failUnconfirmed(SqlClient tx, Instant before, Instant now) {
        return endUnplaced(tx, CallStatus.QUEUED, CallStatus.FAILED, before, now);
    }

    private static Uni<List<CallSession>> endUnplaced(SqlClient tx, CallStatus from, CallStatus to, Instant before, Instant now) {
        return tx.preparedQuery("""
                        UPDATE call_session SET status = $2, updated_at = $4, ended_at = $4
                         WHERE status = $1 AND twilio_call_sid IS NULL AND updated_at < $3
                     RETURNING *""")
                .execute(Tuple.of(from.name(), to.name(), timestamp(before), timestamp(now)))
                .map(PostgresCallSessions::all);
    }

    /** Sessions created after {@code since}, at most {@code limit}: the fallback's mirror of calls in flight. */
    public Uni<List<CallSession>> createdAfter(Instant since, int limit) {
        return pool.preparedQuery("SELECT * FROM call_session WHERE created_at > $1 ORDER BY created_at LIMIT $2")
                .execute(Tuple.of(timestamp(since), limit))
                .map(PostgresCallSessions::all);
    }

    /**
     * Deletes up to {@code batchSize} sessions created before {@code before}, with the media tokens of browser
     * sessions among them that were never used; returns how many sessions.
     */
    public Uni<Integer> deleteCreatedBefore(Instant before, int batchSize) {
        return pool.preparedQuery("""
                        WITH gone AS (
                            DELETE FROM call_session WHERE id IN (
                                SELECT id FROM call_session WHERE created_at < $1 LIMIT $2)
                            RETURNING id),
                        tokens AS (DELETE FROM browser_token WHERE session_id IN (SELECT id FROM gone))
                        SELECT count(*) FROM gone""")
                .execute(Tuple.of(timestamp(before), batchSize))
                .map(rows -> rows.iterator().next().getInteger(0));
    }

    private static List<CallSession> all(RowSet<Row> rows) {
        List<CallSession> sessions = new ArrayList<>();
        rows.forEach(row -> sessions.add(from(row)));
        return sessions;
    }

    private static Optional<CallSession> first(RowSet<Row> rows) {
        var iterator = rows.iterator();
        return iterator.hasNext() ? Optional.of(from(iterator.next())) : Optional.empty();
    }

    private static CallSession from(Row row) {
        Map<String, String> config = new LinkedHashMap<>();
        row.getJsonObject("scenario_config").forEach(entry -> config.put(entry.getKey(), String.valueOf(entry.getValue())));
        Integer durationSeconds = row.getInteger("duration_seconds");
        return new CallSession(
                row.getUUID("id"),
                row.getBuffer("phone_hash") == null ? null : new PhoneHash(row.getBuffer("phone_hash").getBytes()),
                row.getString("scenario_id"),
                config,
                row.getString("voice"),
                CallStatus.valueOf(row.getString("status")),
                row.getString("twilio_call_sid"),
                instant(row.getOffsetDateTime("created_at")),
                instant(row.getOffsetDateTime("updated_at")),
                instant(row.getOffsetDateTime("answered_at")),
                instant(row.getOffsetDateTime("ended_at")),
                durationSeconds == null ? null : Duration.ofSeconds(durationSeconds),
                new CallUsage(row.getLong("input_tokens"), row.getLong("output_tokens"),
                        row.getLong("input_audio_tokens"), row.getLong("output_audio_tokens")));
    }

    private static boolean isUniqueViolation(Throwable failure) {
        return failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState());
    }
}
