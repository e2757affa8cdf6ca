package dev.callcoach.backend.db;

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

    /**
     * Unreachable means: the server said so (SQLSTATE class 08 connection exception, 57P shutdowns and
     * "cannot connect now", 53300 too many connections), the network failed, our query timeout fired, or
     * the client library itself gave up on the connection (closed, not active, pool wait timed out). Any
     * other error the server reports is a statement problem; any other exception is a bug.
     */
    public static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DatabaseException db) {
                return isServerUnavailable(db.getSqlState());
            }
            // Mutiny's timeout (our query timeout) is not a java.util.concurrent one.
            if (t instanceof IOException || t instanceof TimeoutException || t instanceof io.smallrye.mutiny.TimeoutException
                    || isRaisedByTheClient(t)) {
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
