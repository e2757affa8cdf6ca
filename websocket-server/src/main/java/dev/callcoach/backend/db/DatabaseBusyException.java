package dev.callcoach.backend.db;

/**
 * Postgres is reachable but did not answer in time: a pool wait, a lock wait ({@code lock_timeout}) or a
 * statement ({@code statement_timeout}) took too long. The operation had no effect (its transaction was
 * rolled back or never started); the client is told to try again in a moment. Never a reason for fallback.
 */
public class DatabaseBusyException extends RuntimeException {

    public DatabaseBusyException(String operation, Throwable cause) {
        super("database busy during " + operation, cause, false, false);
    }
}
