package dev.callcoach.backend.db;

import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * Tells "the database is not reachable" apart from "this statement is wrong". Only the first switches to
 * the fallback; a bug in a query must surface, not hide behind in-memory limiting.
 */
public final class DatabaseFailures {

    private DatabaseFailures() {
    }

    public static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException // connection refused or reset, closed channel
                    || t instanceof TimeoutException // our query timeout
                    || t instanceof ClosedConnectionException
                    || t instanceof DatabaseException db && isServerUnavailable(db.getSqlState())) {
                return true;
            }
            // Vert.x reports a pool that could not get a connection in time with its own timeout type.
            if (t.getClass().getSimpleName().endsWith("TimeoutException")) {
                return true;
            }
        }
        return false;
    }

    /** SQLSTATE class 08 (connection exception), shutdowns and "cannot connect now", too many connections. */
    private static boolean isServerUnavailable(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("57P") || sqlState.equals("53300"));
    }
}
