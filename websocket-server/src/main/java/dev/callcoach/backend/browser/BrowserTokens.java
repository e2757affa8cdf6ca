package dev.callcoach.backend.browser;

import static dev.callcoach.backend.db.SqlValues.timestamp;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/** The media tokens of browser sessions in Postgres ({@code browser_token}), by their SHA-256 only. */
@ApplicationScoped
class BrowserTokens {

    private final Pool pool;

    BrowserTokens(Pool pool) {
        this.pool = pool;
    }

    /** Stores a new session's token inside the reservation's transaction {@code tx}. */
    Uni<Void> insert(SqlClient tx, UUID sessionId, byte[] tokenHash, Instant expiresAt) {
        return tx.preparedQuery("INSERT INTO browser_token (session_id, token_hash, expires_at) VALUES ($1, $2, $3)")
                .execute(Tuple.of(sessionId, Buffer.buffer(tokenHash), timestamp(expiresAt)))
                .replaceWithVoid();
    }

    /**
     * Uses up the session's token if {@code tokenHash} is it, it has not expired and the session still waits
     * for its socket. One statement: deleting the row is what makes the token single-use, on any number of
     * instances. The session's {@code updated_at} is touched, so the expiry of unplaced reservations cannot
     * release it in the moment before the bridge marks it in progress.
     *
     * @return whether the socket may open
     */
    Uni<Boolean> admit(UUID sessionId, byte[] tokenHash, Instant now) {
        return pool.preparedQuery("""
                        WITH admitted AS (
                            DELETE FROM browser_token
                             WHERE session_id = $1 AND token_hash = $2 AND expires_at > $3
                            RETURNING session_id)
                        UPDATE call_session SET updated_at = $3
                         WHERE id IN (SELECT session_id FROM admitted) AND status = 'RESERVED'
                        RETURNING id""")
                .execute(Tuple.of(sessionId, Buffer.buffer(tokenHash), timestamp(now)))
                .map(rows -> rows.rowCount() == 1);
    }
}
