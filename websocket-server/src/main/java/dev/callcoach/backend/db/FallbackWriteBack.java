package dev.callcoach.backend.db;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * An in-memory store that took writes while Postgres was away and must hand them over before the backend
 * switches back, so nothing granted during the outage is forgotten by the other instances.
 */
public interface FallbackWriteBack {

    /**
     * Writes everything changed in memory during the fallback inside {@code tx}. Must be idempotent: the
     * same changes may be written again if the switch back fails or a write raced it.
     *
     * @return what to run once {@code tx} committed, typically forgetting the written changes
     */
    Uni<Runnable> writeBack(SqlConnection tx);
}
