package dev.callcoach.backend.media;

import dev.callcoach.backend.realtime.SessionSettings;
import dev.callcoach.backend.scenario.ScenarioCatalogService;
import dev.callcoach.backend.call.CallSession;
import dev.callcoach.backend.call.SessionRules;
import dev.callcoach.backend.call.SessionStore;
import dev.callcoach.backend.twilio.TwilioConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Plans a call from its stored session and the scenario catalog. */
@ApplicationScoped
class SessionCallPlanner implements CallPlanner {

    private static final Logger LOG = Logger.getLogger(SessionCallPlanner.class);

    private final SessionStore sessions;
    private final ScenarioCatalogService scenarios;
    private final TwilioConfig twilio;
    private final Clock clock;

    SessionCallPlanner(SessionStore sessions, ScenarioCatalogService scenarios, TwilioConfig twilio, Clock clock) {
        this.sessions = sessions;
        this.scenarios = scenarios;
        this.twilio = twilio;
        this.clock = clock;
    }

    @Override
    public Uni<Optional<CallPlan>> plan(UUID sessionId) {
        return sessions.find(sessionId).map(found -> found
                .filter(session -> SessionRules.canStartCall(session, clock.instant(), twilio.answerWindow()))
                .flatMap(this::render));
    }

    private Optional<CallPlan> render(CallSession session) {
        try {
            String instructions = scenarios.instructions(session.scenarioId(), session.scenarioConfig(), session.voice());
            return Optional.of(new CallPlan(session.id(), session.callSid(), new SessionSettings(instructions, session.voice())));
        } catch (IllegalArgumentException e) {
            // The settings were valid when reserved; a changed scenario file can make them stale.
            LOG.warnf("session cannot be planned session=%s reason=\"%s\"", session.id(), e.getMessage());
            return Optional.empty();
        }
    }
}
