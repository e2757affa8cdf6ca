package dev.callcoach.backend.db;

import io.vertx.sqlclient.DatabaseException;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Tells "the database is not reachable" apart from "the database is busy" and "this statement is wrong".
 * Only the first switches to the fallback: a slow database or a lock wait must not hand out calls from
 * memory (that would fail open under load), and a bug in a query must surface, not hide behind in-memory
 * limiting.
 */
public final class DatabaseFailures {

    /** lock_not_available (our {@code lock_timeout}) and query_canceled (our {@code statement_timeout}). */
    private static final Set<String> BUSY_STATES = Set.of("55P03", "57014");

    private DatabaseFailures() {
    }

    /**
     * Busy means: Postgres answered, but a lock wait or statement ran past our per-transaction timeouts, or
     * our own wait for an answer (pool wait included) ran out. Whether a timed-out Postgres is reachable at
     * all is decided separately, on a fresh connection ({@link DatabaseReachability}).
     */
    public static boolean isBusy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DatabaseBusyException || t instanceof io.smallrye.mutiny.TimeoutException) {
                return true;
            }
            if (t instanceof DatabaseException db) {
                return db.getSqlState() != null && BUSY_STATES.contains(db.getSqlState());
            }
        }
        return false;
    }

    /**
     * Unreachable means: the server said so (SQLSTATE class 08 connection exception, 57P shutdowns and
     * "cannot connect now", 53300 too many connections), the network failed (refused, reset, connect timeout),
     * or the client library itself gave up on the connection (closed, not active). Any other error the server
     * reports is a statement problem; any other exception is a bug.
     */
    public static boolean isUnavailable(Throwable failure) {
        if (isBusy(failure)) {
            return false;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DatabaseException db) {
                return isServerUnavailable(db.getSqlState());
            }
            if (t instanceof IOException || t instanceof TimeoutException || isRaisedByTheClient(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isServerUnavailable(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("57P") || sqlState.equals("53300"));
    }

    /** Vert.x and Netty report lost connections with their own types, e.g. "Connection is not active now". */
    private static boolean isRaisedByTheClient(Throwable t) {
        String packageName = t.getClass().getPackageName();
        return packageName.startsWith("io.vertx.") || packageName.startsWith("io.netty.");
    }
}
