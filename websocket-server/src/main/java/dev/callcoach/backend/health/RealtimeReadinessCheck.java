package dev.callcoach.backend.health;

import dev.callcoach.backend.realtime.RealtimeQuota;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Says whether calling is paused for OpenAI quota. Stays UP: every instance shares the one OpenAI account,
 * so a DOWN would take them all out of the load balancer, and the page must stay up to say calling is
 * paused. Alert on {@code callcoach_realtime_quota_paused} instead.
 */
@Readiness
@ApplicationScoped
public class RealtimeReadinessCheck implements HealthCheck {

    private final RealtimeQuota quota;

    RealtimeReadinessCheck(RealtimeQuota quota) {
        this.quota = quota;
    }

    @Override
    public HealthCheckResponse call() {
        var paused = quota.pausedFor();
        var response = HealthCheckResponse.named("openai").up()
                .withData("openai", paused.isPresent() ? "degraded: OpenAI quota" : "ok");
        paused.ifPresent(left -> response.withData("calling.paused.seconds", left.toSeconds()));
        return response.build();
    }
}
