package dev.callcoach.backend.db;

import io.smallrye.mutiny.Uni;

/**
 * Whether Postgres can be reached at all, asked on a connection of its own: a full pool or a long lock wait
 * must not look like an outage.
 */
@FunctionalInterface
public interface DatabaseReachability {

    /** Completes if a fresh connection answers {@code SELECT 1}; fails otherwise. */
    Uni<Void> ping();
}
