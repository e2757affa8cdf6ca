package dev.callcoach.backend.db;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** When the backend gives up on Postgres and how soon it looks for it again. */
@ConfigMapping(prefix = "callcoach.database")
public interface DatabaseConfig {

    /** A database operation taking longer than this counts as the database being away. */
    @WithDefault("2s")
    Duration queryTimeout();

    /** While in fallback, how often Postgres is probed to switch back. */
    @WithDefault("1s")
    Duration fallbackProbeInterval();
}
