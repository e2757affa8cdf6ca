package dev.callcoach.backend.health;

import dev.callcoach.backend.call.CallCapacity;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * DOWN while this instance carries its limit of calls, so Fly's proxy sends new calls (their voice
 * webhooks) to another instance; the calls already here go on. UP again when one ends.
 */
@Readiness
@ApplicationScoped
public class CallCapacityReadinessCheck implements HealthCheck {

    private final CallCapacity capacity;

    CallCapacityReadinessCheck(CallCapacity capacity) {
        this.capacity = capacity;
    }

    @Override
    public HealthCheckResponse call() {
        boolean full = capacity.full();
        return HealthCheckResponse.named("calls").status(!full)
                .withData("calls", full ? "full" : "ok")
                .withData("active", capacity.active())
                .withData("max", capacity.max())
                .build();
    }
}
