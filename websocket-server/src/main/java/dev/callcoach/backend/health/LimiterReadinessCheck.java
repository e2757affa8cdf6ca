package dev.callcoach.backend.health;

import dev.callcoach.backend.db.DatabaseFailover;
import dev.callcoach.backend.db.DatabaseFailover.Mode;
import dev.callcoach.backend.limiter.InMemoryLimiter;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports whether Postgres is reachable and which store the limiter uses. DOWN until the limiter's mirror
 * of recent attempts was loaded from Postgres: an instance without it could not limit during an outage,
 * so it takes no traffic. After that it stays UP in fallback on purpose: every instance shares the one
 * database, so a DOWN here would take all of them out of the load balancer at once, the very outage the
 * fallback exists to ride out. Alert on {@code callcoach_limiter_fallback_active} instead. (The
 * framework's own datasource check is switched off in {@code application.properties} for the same reason.)
 */
@Readiness
@ApplicationScoped
public class LimiterReadinessCheck implements HealthCheck {

    private final DatabaseFailover failover;
    private final InMemoryLimiter memory;

    public LimiterReadinessCheck(DatabaseFailover failover, InMemoryLimiter memory) {
        this.failover = failover;
        this.memory = memory;
    }

    @Override
    public HealthCheckResponse call() {
        Mode mode = failover.mode();
        boolean loaded = memory.loaded();
        return HealthCheckResponse.named("limiter")
                .status(loaded)
                .withData("database", mode == Mode.POSTGRES ? "up" : "down")
                .withData("limiter.mode", mode.label())
                .withData("limiter.mirror", loaded ? "loaded" : "loading")
                .build();
    }
}
