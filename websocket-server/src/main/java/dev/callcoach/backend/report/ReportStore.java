package dev.callcoach.backend.report;

import static dev.callcoach.backend.db.SqlValues.instant;
import static dev.callcoach.backend.db.SqlValues.timestamp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.callcoach.contracts.channel.CoachingReport;
import dev.callcoach.contracts.channel.ReportState;
import dev.callcoach.contracts.channel.TranscriptLine;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** The {@code call_report} table (migration V3). */
@ApplicationScoped
class ReportStore {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<TranscriptLine>> LINES = new TypeReference<>() {
    };

    private final Pool pool;

    ReportStore(Pool pool) {
        this.pool = pool;
    }

    /** Keeps a finished call's transcript, state preparing; a second hand-over for the same session is ignored. */
    Uni<Boolean> insert(UUID sessionId, byte[] tokenHash, String scenarioId, List<TranscriptLine> transcript, Instant at) {
        return pool.preparedQuery("""
                        INSERT INTO call_report (session_id, token_hash, scenario_id, transcript, state, created_at, updated_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $6)
                        ON CONFLICT (session_id) DO NOTHING""")
                .execute(Tuple.of(sessionId, Buffer.buffer(tokenHash), scenarioId, new JsonArray(write(transcript)),
                        wire(ReportState.PREPARING), timestamp(at)))
                .map(rows -> rows.rowCount() == 1);
    }

    Uni<Optional<StoredReport>> find(UUID sessionId) {
        return pool.preparedQuery("SELECT * FROM call_report WHERE session_id = $1")
                .execute(Tuple.of(sessionId))
                .map(ReportStore::first);
    }

    Uni<Void> ready(UUID sessionId, CoachingReport report, Instant at) {
        return pool.preparedQuery("""
                        UPDATE call_report SET state = $2, report = $3, failure = NULL, updated_at = $4
                         WHERE session_id = $1""")
                .execute(Tuple.of(sessionId, wire(ReportState.READY), new JsonObject(write(report)), timestamp(at)))
                .replaceWithVoid();
    }

    Uni<Void> failed(UUID sessionId, String reason, Instant at) {
        return pool.preparedQuery("UPDATE call_report SET state = $2, failure = $3, updated_at = $4 WHERE session_id = $1")
                .execute(Tuple.of(sessionId, wire(ReportState.FAILED), reason, timestamp(at)))
                .replaceWithVoid();
    }

    /**
     * Moves a failed report, or one stuck preparing since before {@code staleBefore} (its instance went away
     * mid-grading), back to preparing. Atomic, so of two retries only one grades.
     */
    Uni<Optional<StoredReport>> restart(UUID sessionId, Instant staleBefore, Instant at) {
        return pool.preparedQuery("""
                        UPDATE call_report SET state = $2, failure = NULL, updated_at = $3
                         WHERE session_id = $1
                           AND (state = $4 OR (state = $2 AND updated_at < $5))
                     RETURNING *""")
                .execute(Tuple.of(sessionId, wire(ReportState.PREPARING), timestamp(at), wire(ReportState.FAILED),
                        timestamp(staleBefore)))
                .map(ReportStore::first);
    }

    /** @return whether there was a row */
    Uni<Boolean> delete(UUID sessionId) {
        return pool.preparedQuery("DELETE FROM call_report WHERE session_id = $1")
                .execute(Tuple.of(sessionId))
                .map(rows -> rows.rowCount() > 0);
    }

    /** Deletes up to {@code batchSize} rows created before {@code before}; returns how many. */
    Uni<Integer> deleteCreatedBefore(Instant before, int batchSize) {
        return pool.preparedQuery("""
                        DELETE FROM call_report WHERE session_id IN (
                            SELECT session_id FROM call_report WHERE created_at < $1 LIMIT $2)""")
                .execute(Tuple.of(timestamp(before), batchSize))
                .map(RowSet::rowCount);
    }

    private static Optional<StoredReport> first(RowSet<Row> rows) {
        var iterator = rows.iterator();
        return iterator.hasNext() ? Optional.of(from(iterator.next())) : Optional.empty();
    }

    private static StoredReport from(Row row) {
        JsonObject report = row.getJsonObject("report");
        return new StoredReport(
                row.getUUID("session_id"),
                row.getBuffer("token_hash").getBytes(),
                row.getString("scenario_id"),
                read(row.getJsonArray("transcript").encode(), LINES),
                state(row.getString("state")),
                report == null ? null : read(report.encode(), new TypeReference<CoachingReport>() { }),
                row.getString("failure"),
                instant(row.getOffsetDateTime("created_at")),
                instant(row.getOffsetDateTime("updated_at")));
    }

    private static String wire(ReportState state) {
        return state.wireName();
    }

    private static ReportState state(String wire) {
        return ReportState.valueOf(wire.toUpperCase(Locale.ROOT));
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("call_report holds unreadable JSON", e);
        }
    }
}
