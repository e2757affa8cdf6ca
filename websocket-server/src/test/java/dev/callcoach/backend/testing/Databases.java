package dev.callcoach.backend.testing;

import io.vertx.mutiny.sqlclient.Pool;

/** Test helpers on the test database. */
public final class Databases {

    private Databases() {
    }

    /** Empties the limiter's tables, for tests of the global caps, which every session counts towards. */
    public static void truncate(Pool pool) {
        pool.query("TRUNCATE call_session, call_attempt, browser_token").execute().await().indefinitely();
    }
}
